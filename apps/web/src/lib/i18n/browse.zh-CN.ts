/** Messages of the public challenge pages: home, list, detail (the shared words are in challenge.*.ts). */
export const browse = {
  title: 'browse',
};
