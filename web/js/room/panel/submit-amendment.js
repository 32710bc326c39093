// Sends a new amendment (as a draft, or tabled at once) and lands the focus on its card.

import { t } from '../../i18n.js';
import { forget } from './panel-kit.js';

/** body: the POST /amendments body without `table`. Returns the amendment, or null if refused. */
export async function submitAmendment(env, key, body, table) {
  const { ctx } = env;
  const answer = await ctx.run(() => ctx.api.draftAmendment(ctx.documentId, { ...body, table }),
    { done: table ? t('panel.done.tabled') : t('panel.done.drafted') });
  if (!answer) return null;
  if (key) forget(env, key);
  if (answer.id) env.focusLater(`amendment:${answer.id}`);
  env.rerender();
  ctx.store.reload();
  return answer;
}
