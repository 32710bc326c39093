// The paragraph's status at the head of the side panel: "Status: agreed" for everyone, and for the
// chair and rapporteurs one button per other status. An agreed (or agreed ad ref) paragraph is
// locked by the server until it is reopened, so there the way back to bracketed reads "Reopen for
// negotiation" and a note says why. Headings show a status only while one locks them (statuses are
// about paragraphs; render-clause.js), so that an agreed heading can still be reopened.
//
// A button only asks the server: the new status comes back over the socket and the panel is drawn
// again from it, with the focus on the status line, which a screen reader then reads out.

import { h } from '../../dom.js';
import { t } from '../../i18n.js';
import { CLAUSE_STATUSES, clauseStatusLabel, isSettledStatus } from '../../format.js';
import { showsStatus } from '../../render-clause.js';
import { uid } from './panel-kit.js';

/** name: the clause's name for sentences ("paragraph 3"). Null when the clause shows no status. */
export function renderStatusControl(env, clause, name) {
  const { ctx } = env;
  const settled = isSettledStatus(clause.status);
  if (!clause.status || !(showsStatus(clause) || settled)) return null;
  const line = h('p', { class: 'clause-panel__status', tabindex: '-1', 'data-focus-key': 'status' },
    t('status.label'), h('span', { class: `badge badge--${clause.status}` }, clauseStatusLabel(clause.status)));
  const note = settled ? h('p', { class: 'panel-note', id: uid('panel-status-note') }, t('panel.status.settled')) : null;
  const deciding = (ctx.role === 'chair' || ctx.role === 'rapporteur') && !env.adopted;
  if (!deciding) return h('div', { class: 'clause-panel__status-block' }, line, note);

  let sending = false;
  const choice = (status) => {
    const reopen = status === 'bracketed' && settled;
    const button = h('button', {
      type: 'button',
      class: reopen ? null : 'button--secondary',
      'data-focus-key': `status:${status}`,
      'data-status': status,
      'aria-describedby': reopen ? note.id : null,
    }, reopen ? t('panel.status.reopen') : t('panel.status.mark', { status: clauseStatusLabel(status) }));
    button.addEventListener('click', async () => {
      if (sending) return;
      sending = true;
      // Set before asking: the socket may bring the new status before the answer does.
      env.focusLater('status');
      const done = await ctx.run(() => ctx.api.setClauseStatus(ctx.documentId, clause.id, status));
      sending = false;
      // Refused (the reason is shown under the live bar): the focus stays on this button.
      if (!done) env.focusLater(`status:${status}`);
    });
    return button;
  };
  return h('div', { class: 'clause-panel__status-block' }, line, note,
    h('div', { class: 'panel-actions', role: 'group', 'aria-label': t('panel.status.change', { name }) },
      CLAUSE_STATUSES.filter((s) => s !== clause.status).map(choice)));
}
