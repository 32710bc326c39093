// Edits the server no longer has (the live client's 'diverged': its store was restored from an
// older copy): how many of the person's confirmed edits were lost, in which paragraphs, with what
// they had written there, and two buttons: make them again (as new edits on the text as it now
// is) or dismiss them. The text on screen already shows what the server has.

import { h } from '../../dom.js';
import { t, tn } from '../../i18n.js';
import { keyed } from '../chair/keyed.js';
import { focusCurrentTab } from './dismissals.js';
import { countText, lostClauseName, lostEditGroups } from './lost-edit-groups.js';

const REASONS = new Set(['clause-gone', 'anchor-gone', 'paragraph-agreed', 'document-frozen']);

export function lostEditsBanner(ctx) {
  const { client } = ctx;
  // role=alert: losing work must be heard when it happens, not when the person finds the banner.
  const element = h('div', { class: 'banner banner--lost', role: 'alert' });
  let lost = client.lostEdits;

  const update = keyed(element, () => [lost.map((e) => e.seq), lostEditGroups(lost, client.clauses),
    document.documentElement.lang], () => {
    element.hidden = lost.length === 0;
    if (!lost.length) return null;
    const groups = lostEditGroups(lost, client.clauses);
    const remake = h('button', { type: 'button', class: 'button button--primary', 'data-focus': 'lost-remake' },
      t('banner.lost.remake'));
    const dismiss = h('button', { type: 'button', class: 'button', 'data-focus': 'lost-dismiss' }, t('banner.lost.dismiss'));
    remake.addEventListener('click', remakeAll);
    dismiss.addEventListener('click', dismissAll);
    return [
      h('p', null, h('strong', null, t('banner.lost.title')), ' ', tn('banner.lost.detail', lost.length)),
      h('ul', { class: 'banner__lost' }, groups.map((g) => h('li', { 'data-clause-id': g.clauseId },
        h('strong', null, g.name), g.count > 1 ? ` (${countText(g.count)})` : '',
        g.excerpt || g.actions.length ? ': ' : '',
        g.excerpt ? h('q', { dir: 'auto' }, g.excerpt) : null,
        g.actions.length ? `${g.excerpt ? ' ' : ''}(${g.actions.join(', ')})` : ''))),
      h('p', null, t('banner.lost.question')),
      h('div', { class: 'banner__actions' }, remake, dismiss),
    ];
  });

  function remakeAll() {
    const { remade, skipped } = client.remakeLostEdits();
    lost = [];
    update();
    focusCurrentTab();
    const clauses = client.clauses;
    const done = remade.length ? tn('banner.lost.remade', remade.length) : t('banner.lost.remade.none');
    const why = [...new Set(skipped.map((e) => t('banner.lost.skippedOne', {
      clause: lostClauseName(e.change.clauseId, clauses, e.change.type === 'insert'),
      reason: t(`banner.lost.reason.${REASONS.has(e.reason) ? e.reason : 'other'}`),
    })))];
    ctx.say(why.length ? `${done} ${t('banner.lost.skipped', { list: why.join('; ') })}` : done);
  }

  function dismissAll() {
    client.dismissLostEdits();
    lost = [];
    update();
    focusCurrentTab();
    ctx.announce(t('banner.lost.dismissed'));
  }

  const off = client.on('diverged', (event) => {
    lost = event.lost;
    update();
  });
  update();
  return { element, update, destroy: off };
}
