import { page } from '$app/state';
import { createTranslator, type Translate } from './index';

/** The page's translator, for components that do not receive `data` (read it inside `$derived`). */
export function currentT(): Translate {
  return page.data.t ?? createTranslator(page.data.locale ?? 'zh-CN');
}
