// One amendment in the clause panel: who proposes what, its standing against the current text,
// its word diff, the straw poll, and the buttons this person may use on it (hidden when the
// server would refuse them). Decisions by the rapporteur and chair are in rapporteur-actions.js.

import { h } from '../../dom.js';
import { formatInstant } from '../../format.js';
import { t, tn } from '../../i18n.js';
import { amendmentNumber } from '../amendment-number.js';
import { renderWordDiff } from './word-diff.js';
import { renderRapporteurActions } from './rapporteur-actions.js';
import { renderCommentThreads } from './comment-thread.js';

const POSITIONS = ['support', 'oppose', 'abstain'];

/** env: the panel's shared state (clause-panel.js); a: the amendment. */
export function renderAmendmentCard(env, a) {
  const { ctx } = env;
  const sponsor = a.sponsor ?? t('panel.amendment.compromise');
  const number = amendmentNumber(a); // from its tabling on: how the room cites it
  const headingId = `amendment-${a.id}-heading`;
  const pending = a.state === 'draft' || a.state === 'tabled';
  const card = h('article', { class: `amendment-card amendment-card--${a.state}`, 'aria-labelledby': headingId,
    'data-amendment-id': a.id, 'data-kind': a.kind },
    h('h4', { id: headingId, tabindex: '-1', 'data-focus-key': `amendment:${a.id}` },
      number ? h('span', { class: 'amendment-card__number' }, `${number} `) : null,
      t(`panel.kind.${a.kind}`), ' — ', sponsor),
    h('dl', { class: 'amendment-card__facts' },
      fact(t('panel.amendment.state'), h('span', { class: `state state--${a.state}` }, t(`panel.state.${a.state}`))),
      a.cosponsors?.length ? fact(t('panel.amendment.cosponsors'), a.cosponsors.join(', ')) : null,
      fact(t('panel.amendment.author'), a.author ?? ''),
      a.createdAt ? fact(t('panel.amendment.created'), formatInstant(a.createdAt)) : null,
      pending && a.standing ? fact(t('panel.amendment.standing'), standing(a)) : null,
      a.kind === 'insert' ? fact(t('panel.amendment.insertAfter'), env.nameOf(a.clauseId)) : null,
      a.kind === 'move' ? fact(t('panel.amendment.after'), a.after ? env.nameOf(a.after) : t('panel.move.top')) : null,
      a.conflictGroup ? fact(t('panel.amendment.group'), competitors(env, a)) : null),
    a.rationale ? h('p', { class: 'amendment-card__rationale', dir: 'auto' },
      h('span', { class: 'amendment-card__label' }, `${t('panel.amendment.rationale')}: `), a.rationale) : null,
    pending && a.diff ? renderWordDiff(a.diff) : h('p', { class: 'amendment-card__text', dir: 'auto' }, a.text ?? ''),
    a.reason ? h('p', { class: 'amendment-card__reason', dir: 'auto' },
      h('span', { class: 'amendment-card__label' }, `${t('panel.amendment.reason')}: `), a.reason) : null,
    a.state === 'tabled' ? tally(env, a) : null,
    sponsorActions(env, a),
    renderRapporteurActions(env, a),
    a.state !== 'draft' ? renderCommentThreads(env, 'amendment', a.id, { level: 5 }) : null);
  return card;
}

function fact(term, value) {
  return [h('dt', null, term), h('dd', null, value)];
}

function standing(a) {
  const parts = [t(`panel.standing.${a.standing}`)];
  if (a.stale) parts.push(t('panel.standing.stale'));
  const text = parts.join(' · ');
  if (a.standing !== 'conflicting' || !a.conflicts?.length) return text;
  return [text, h('ul', { class: 'amendment-card__conflicts' },
    a.conflicts.map((c) => h('li', { dir: 'auto' }, t('panel.standing.clash', { text: c }))))];
}

function competitors(env, a) {
  const group = env.ctx.store.state.conflictGroups.find((g) => g.id === a.conflictGroup);
  const others = (group?.amendments ?? []).filter((id) => id !== a.id)
    .map((id) => env.ctx.store.amendment(id)?.sponsor ?? id);
  return others.length ? t('panel.group.with', { names: others.join(', ') }) : t('panel.group.in');
}

function tally(env, a) {
  const { ctx } = env;
  const counts = a.indicative ?? { support: 0, oppose: 0, abstain: 0, positions: {} };
  const mine = ctx.delegation ? counts.positions?.[ctx.delegation] : null;
  const summary = h('p', { class: 'tally' },
    h('span', { class: 'amendment-card__label' }, `${t('panel.tally')}: `),
    POSITIONS.map((p) => tn(`panel.tally.${p}`, counts[p] ?? 0)).join(' · '));
  if (ctx.role !== 'delegate' || !ctx.delegation || env.adopted) return summary;
  const group = h('div', { class: 'tally__buttons', role: 'group', 'aria-label': t('panel.tally.yours', { delegation: ctx.delegation }) },
    POSITIONS.map((p) => {
      const button = h('button', {
        type: 'button', class: 'button--secondary', 'aria-pressed': String(mine === p),
        'data-focus-key': `position:${a.id}:${p}`,
      }, t(`panel.position.${p}`));
      button.addEventListener('click', async () => {
        if (mine === p) return;
        env.focusLater(`position:${a.id}:${p}`);
        await ctx.run(() => ctx.api.indicative(ctx.documentId, a.id, p), { done: t('panel.done.position', { position: t(`panel.position.${p}`) }) });
      });
      return button;
    }));
  return h('div', { class: 'tally-block' }, summary, group);
}

function sponsorActions(env, a) {
  const { ctx } = env;
  if (ctx.role !== 'delegate' || !ctx.delegation || env.adopted) return null;
  const buttons = [];
  const tablingOpen = ctx.store.phase('tabling').open;
  if (a.sponsor === ctx.delegation) {
    if (a.state === 'draft' && tablingOpen) {
      buttons.push(action(env, a, 'table', t('panel.action.table'),
        () => ctx.api.tableAmendment(ctx.documentId, a.id), t('panel.done.tabled')));
    }
    if (a.state === 'draft' || a.state === 'tabled') {
      buttons.push(action(env, a, 'withdraw', t('panel.action.withdraw'),
        () => ctx.api.withdrawAmendment(ctx.documentId, a.id), t('panel.done.withdrawn')));
    }
  } else if (a.state === 'tabled' && tablingOpen && a.sponsor && !a.cosponsors?.includes(ctx.delegation)) {
    buttons.push(action(env, a, 'cosponsor', t('panel.action.cosponsor'),
      () => ctx.api.cosponsor(ctx.documentId, a.id), t('panel.done.cosponsored')));
  }
  return buttons.length ? h('div', { class: 'panel-actions' }, buttons) : null;
}

function action(env, a, name, label, call, done) {
  const button = h('button', { type: 'button', 'data-focus-key': `${name}:${a.id}`, 'data-action': name }, label);
  button.addEventListener('click', async () => {
    button.disabled = true;
    // A withdrawn amendment moves into the collapsed "decided" list: land on the list's heading.
    env.focusLater(name === 'withdraw' ? 'section:amendments' : `amendment:${a.id}`);
    if (!await env.ctx.run(call, { done })) button.disabled = false;
    env.ctx.store.reload();
  });
  return button;
}

