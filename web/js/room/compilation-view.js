// The compilation text (#/documents/{id}/compilation): the text as negotiators read it, every
// clause with every tabled amendment of it inline against the current text, labelled A1, A2… in
// document order. Rebuilt (at most once a frame) whenever the text or the negotiation changes.

import { h } from '../dom.js';
import { addStrings, t, tn } from '../i18n.js';
import { renderClause } from '../render-clause.js';
import strings from '../strings/compilation.js';
import { clauseName } from './clause-name.js';
import { labelAmendments } from './compilation/amendment-labels.js';
import { renderAmendment, renderInsertion } from './compilation/render-amendment.js';

addStrings(strings);

export function mountCompilation(container, ctx) {
  const { client, store, api, documentId } = ctx;
  const summary = h('p', { class: 'compilation__summary' });
  const list = h('div', { class: 'compilation__clauses' }, h('p', { class: 'loading' }, t('room.loading')));
  container.append(h('section', { class: 'compilation', 'aria-labelledby': 'compilation-heading' },
    h('h2', { id: 'compilation-heading', tabindex: '-1' }, t('compilation.heading')),
    h('p', { class: 'compilation__intro' }, t('compilation.intro')),
    h('p', { class: 'compilation__export' }, t('compilation.export'), ' ',
      h('a', { href: api.exportUrl(documentId, 'pdf', 'compilation'), download: true }, t('compilation.export.pdf')), ' · ',
      h('a', { href: api.exportUrl(documentId, 'html', 'compilation'), download: true }, t('compilation.export.html'))),
    summary,
    list));

  let shownKey = null;

  function render() {
    const clauses = client.clauses;
    if (!clauses.length) return;
    const { ordered, label, orphans } = labelAmendments(clauses, store.state.amendments);
    // Socket frames come often (live typing elsewhere): rebuild only when what is shown changed.
    const key = JSON.stringify([clauses, ordered.map((a) => [a.id, a.diff, a.standing, a.stale, a.conflictGroup,
      a.cosponsors, a.after]), store.state.conflictGroups, document.documentElement.lang]);
    if (key === shownKey) return;
    shownKey = key;
    const amended = new Set(ordered.map((a) => a.clauseId)).size;
    summary.textContent = ordered.length
      ? t('compilation.summary', { amendments: tn('compilation.amendments', ordered.length), clauses: tn('compilation.clauses', amended) })
      : t('compilation.none');
    const blocks = clauses.map((clause, position) => {
      const own = ordered.filter((a) => a.clauseId === clause.id);
      const changes = own.filter((a) => a.kind !== 'insert');
      return h('div', { class: 'compilation-clause' },
        renderClause(clause),
        changes.length
          ? h('ul', { class: 'compilation-amendments', 'aria-label': t('compilation.list', { name: clauseName(clause, position) }) },
            changes.map((a) => renderAmendment(a, label, ctx)))
          : null,
        own.filter((a) => a.kind === 'insert').map((a) => renderInsertion(a, label, ctx)));
    });
    if (orphans.length) {
      blocks.push(h('div', { class: 'compilation-orphans' },
        h('h3', null, t('compilation.orphans')),
        h('ul', { class: 'compilation-amendments' }, orphans.filter((a) => a.kind !== 'insert').map((a) => renderAmendment(a, label, ctx))),
        orphans.filter((a) => a.kind === 'insert').map((a) => renderInsertion(a, label, ctx))));
    }
    list.replaceChildren(...blocks);
  }

  let frame = null;
  const soon = () => {
    if (frame === null) frame = requestAnimationFrame(() => { frame = null; render(); });
  };
  const offs = [
    store.on('change', soon),
    client.on('document', soon),
    client.on('clause', soon),
  ];
  render();
  return {
    destroy() {
      if (frame !== null) cancelAnimationFrame(frame);
      offs.forEach((off) => off());
    },
  };
}
