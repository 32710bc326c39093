// One tabled amendment in the compilation: its label, sponsor and co-sponsors, what it proposes
// (a modification inline against the current text, a deletion or a move stated) and its marks:
// stale, conflicting, obsolete, and the others of its conflict group by label.

import { h } from '../../dom.js';
import { t } from '../../i18n.js';
import { clauseNameById } from '../clause-name.js';
import { renderDiff } from '../render-diff.js';

/**
 * amendment: from the negotiation state; labels: Map id → "A1"; ctx: the room context.
 * Returns an <li> (an insertion is rendered by renderInsertion instead).
 */
export function renderAmendment(amendment, labels, ctx) {
  const a = amendment;
  const body = [];
  if (a.kind === 'modify') {
    body.push(h('p', { class: 'compilation-amendment__text', dir: 'auto' }, renderDiff(a.diff)));
  } else if (a.kind === 'delete') {
    body.push(h('p', { class: 'compilation-amendment__text', dir: 'auto' },
      renderDiff(a.diff?.length ? a.diff : [{ kind: 'delete', text: a.baseText ?? '' }])));
  }
  return h('li', { class: `compilation-amendment compilation-amendment--${a.kind}`, 'data-amendment-id': a.id },
    head(a, labels, ctx), body);
}

/** An insertion: a new clause after the one it names, all of its text inserted. */
export function renderInsertion(amendment, labels, ctx) {
  const a = amendment;
  const label = labels.get(a.id);
  return h('div', { class: 'clause clause--proposed compilation-insertion', 'data-amendment-id': a.id },
    h('span', { class: 'clause__number' }, label, h('span', { class: 'compilation-insertion__new' }, ` ${t('compilation.new')}`)),
    h('div', { class: 'compilation-insertion__body' },
      head(a, labels, ctx),
      h('p', { class: 'clause__text compilation-amendment__text', dir: 'auto' },
        renderDiff(a.diff?.length ? a.diff : [{ kind: 'insert', text: a.text ?? '' }]))));
}

function head(a, labels, ctx) {
  const sponsor = a.sponsor ?? t('compilation.anonymous');
  const cosponsors = a.cosponsors?.length ? `; ${t('compilation.cosponsors', { names: a.cosponsors.join(', ') })}` : '';
  return h('p', { class: 'compilation-amendment__head' },
    h('strong', { class: 'compilation-amendment__label' }, labels.get(a.id)), ' ',
    h('span', { class: 'compilation-amendment__sponsor' },
      h('span', { class: 'visually-hidden' }, t('compilation.sponsor', { sponsor: '' })),
      h('bdi', null, sponsor), cosponsors), ' ',
    h('span', { class: 'compilation-amendment__kind' }, kindText(a, ctx)),
    marks(a, labels, ctx).map((m) => [' ', h('span', { class: `mark mark--${m.kind}` }, m.text)]));
}

function kindText(a, ctx) {
  switch (a.kind) {
    case 'insert': return t('compilation.kind.insert', { name: clauseNameById(ctx.client, a.clauseId) });
    case 'delete': return t('compilation.kind.delete');
    case 'move': return a.after
      ? t('compilation.kind.move.after', { name: clauseNameById(ctx.client, a.after) })
      : t('compilation.kind.move.top');
    default: return t('compilation.kind.modify');
  }
}

function marks(a, labels, ctx) {
  const out = [];
  if (a.standing === 'conflicting') {
    out.push({ kind: 'conflicting', text: t('compilation.mark.conflicting') });
    out.push({ kind: 'note', text: `(${t('compilation.conflicting.note')})` });
  } else if (a.standing === 'obsolete') out.push({ kind: 'obsolete', text: t('compilation.mark.obsolete') });
  else if (a.standing === 'rebased') out.push({ kind: 'stale', text: t('compilation.mark.rebased') });
  else if (a.stale) out.push({ kind: 'stale', text: t('compilation.mark.stale') });
  const group = ctx.store.state.conflictGroups.find((g) => g.id === a.conflictGroup || g.amendments.includes(a.id));
  const others = (group?.amendments ?? []).filter((id) => id !== a.id && labels.has(id)).map((id) => labels.get(id));
  if (others.length) out.push({ kind: 'group', text: t('compilation.mark.group', { labels: others.join(', ') }) });
  return out;
}
