import type { projects as zh } from './projects.zh-CN';

/** See projects.zh-CN.ts; typed as the Chinese, so a missing or extra key does not compile. */
export const projects: typeof zh = {
  nav: 'Projects',
  states: {
    awaiting_signature: 'Awaiting signature',
    active: 'Active',
    completed: 'Completed',
    stopped: 'Stopped',
  },
};
