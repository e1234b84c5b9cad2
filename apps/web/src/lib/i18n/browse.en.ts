import type { browse as zh } from './browse.zh-CN';

export const browse: typeof zh = {
  title: 'browse',
};
