/** Messages of the enterprise area (my challenges, the editor) and the bureau review queue. */
export const manage = {
  title: 'manage',
};
