import type { WorkMessages } from './work.zh-CN';
import { manage } from './manage.en';
import { review } from './review.en';
import { funds } from './funds.en';
import { dashboard } from './dashboard.en';
import { audit } from './audit.en';
import { calendar } from './calendar.en';
import { notifications } from './notifications.en';
import { applyWork } from './apply-work.en';
import { projectsWork } from './projects-work.en';

/** English messages of the areas of signed-in work, typed as the Chinese ones. */
export const work: WorkMessages = {
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
