import { page } from '$app/state';
import type { Translate } from './index';

/** The page's translator, for components that do not receive `data` (read it inside `$derived`); the root +layout.ts always sets it. */
export function currentT(): Translate {
  return page.data.t!;
}
