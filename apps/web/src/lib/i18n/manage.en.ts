import type { manage as zh } from './manage.zh-CN';

export const manage: typeof zh = {
  title: 'manage',
};
