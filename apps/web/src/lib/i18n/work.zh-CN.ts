import { manage } from './manage.zh-CN';
import { review } from './review.zh-CN';
import { funds } from './funds.zh-CN';
import { dashboard } from './dashboard.zh-CN';
import { audit } from './audit.zh-CN';
import { calendar } from './calendar.zh-CN';
import { notifications } from './notifications.zh-CN';
import { applyWork } from './apply-work.zh-CN';
import { projectsWork } from './projects-work.zh-CN';

/**
 * The areas of signed-in work (managing challenges, reviews, funds, the dashboard, the audit log, the
 * working calendar, notifications, and what applying and projects say beyond the header and the challenge
 * page): loaded only for a signed-in reader, so the public pages carry the public catalogue (zh-CN.ts)
 * alone. `index.ts` joins the two into `Messages`.
 */
export const work = {
  manage,
  review,
  funds,
  dashboard,
  audit,
  calendar,
  notifications,
  // Joined with the public catalogue's `apply` and `projects` (nav, call to action, states), key by key.
  apply: applyWork,
  projects: projectsWork,
};

export type WorkMessages = typeof work;
