// The compilation text (#/documents/{id}/compilation): the text as negotiators read it, every
// clause with every tabled amendment of it inline against the current text, in document order,
// each labelled with the number it was given when tabled (A7). Brought up to date (at most once a frame) whenever the text or the negotiation
// changes, rebuilding only the paragraphs whose text, place or amendments changed.

import { h } from '../dom.js';
import { addStrings, t, tn } from '../i18n.js';
import { renderClause } from '../render-clause.js';
import strings from '../strings/compilation.js';
import { clauseName } from './clause-name.js';
import { labelAmendments } from './compilation/amendment-labels.js';
import { renderAmendment, renderInsertion } from './compilation/render-amendment.js';
import { KeyedChildren } from './keyed-children.js';
import { documentLanguage } from '../document-language.js';

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

  const shown = new KeyedChildren(list);

  function render() {
    const clauses = client.clauses;
    if (!clauses.length) return;
    const { ordered, label, orphans } = labelAmendments(clauses, store.state.amendments);
    // Socket frames come often (live typing elsewhere): each paragraph's key says whether it is rebuilt.
    const lang = [document.documentElement.lang, documentLanguage()];
    const amended = new Set(ordered.map((a) => a.clauseId)).size;
    const summaryText = ordered.length
      ? t('compilation.summary', { amendments: tn('compilation.amendments', ordered.length), clauses: tn('compilation.clauses', amended) })
      : t('compilation.none');
    if (summary.textContent !== summaryText) summary.textContent = summaryText;
    const byClause = new Map();
    for (const a of ordered) {
      if (!byClause.has(a.clauseId)) byClause.set(a.clauseId, []);
      byClause.get(a.clauseId).push(a);
    }
    // Names by clause id, found once (what clauseNameById finds one clause at a time).
    const names = new Map(clauses.map((c, i) => [c.id, clauseName(c, i)]));
    // What an amendment's block shows beyond the amendment itself: its label, the labels of its
    // conflict group and the names of the paragraphs it names.
    const shownOf = (a) => {
      const group = store.state.conflictGroups.find((g) => g.id === a.conflictGroup || g.amendments.includes(a.id));
      return [a, label.get(a.id), (group?.amendments ?? []).map((id) => label.get(id) ?? null),
        names.get(a.after) ?? null, names.get(a.clauseId) ?? null];
    };
    const entries = clauses.map((clause, position) => {
      const own = byClause.get(clause.id) ?? [];
      return {
        id: `clause:${clause.id}`,
        key: JSON.stringify([clause, position, own.map(shownOf), lang]),
        build: () => {
          const changes = own.filter((a) => a.kind !== 'insert');
          return h('div', { class: 'compilation-clause' },
            renderClause(clause),
            changes.length
              ? h('ul', { class: 'compilation-amendments', 'aria-label': t('compilation.list', { name: clauseName(clause, position) }) },
                changes.map((a) => renderAmendment(a, label, ctx)))
              : null,
            own.filter((a) => a.kind === 'insert').map((a) => renderInsertion(a, label, ctx)));
        },
      };
    });
    if (orphans.length) {
      entries.push({
        id: 'orphans',
        key: JSON.stringify([orphans.map(shownOf), lang]),
        build: () => h('div', { class: 'compilation-orphans' },
          h('h3', null, t('compilation.orphans')),
          h('ul', { class: 'compilation-amendments' }, orphans.filter((a) => a.kind !== 'insert').map((a) => renderAmendment(a, label, ctx))),
          orphans.filter((a) => a.kind === 'insert').map((a) => renderInsertion(a, label, ctx))),
      });
    }
    shown.update(entries);
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
