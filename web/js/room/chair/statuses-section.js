// Every paragraph with its status, and a select and button to set another; counts of each status.
// Rows are rebuilt one by one, only when their clause changed.

import { h } from '../../dom.js';
import { t } from '../../i18n.js';
import { CLAUSE_STATUSES, clauseStatusLabel } from '../../format.js';
import { clauseExcerpt, clauseName } from '../clause-name.js';
import { keyed } from './keyed.js';

export function statusesSection(ctx) {
  const { client, api, documentId } = ctx;
  const counts = h('p', { class: 'chair-counts' });
  const tbody = h('tbody');
  const rows = new Map(); // clause id → {tr, update}
  const element = h('section', { class: 'chair-section', 'aria-labelledby': 'chair-statuses-heading' },
    h('h3', { id: 'chair-statuses-heading' }, t('chair.statuses.heading')),
    counts,
    h('div', { class: 'table-scroll' }, h('table', { class: 'chair-table chair-statuses' },
      h('caption', { class: 'visually-hidden' }, t('chair.statuses.caption')),
      h('thead', null, h('tr', null,
        h('th', { scope: 'col' }, t('chair.statuses.col.paragraph')),
        h('th', { scope: 'col' }, t('chair.statuses.col.text')),
        h('th', { scope: 'col' }, t('chair.statuses.col.status')),
        h('th', { scope: 'col' }, t('chair.statuses.col.change')))),
      tbody)));

  function row(clause) {
    const tr = h('tr', { 'data-clause-id': clause.id });
    let excerpt = null;
    // The text is not in the key: a keystroke in the paragraph changes its excerpt in place. Rebuilt,
    // the row put its select back into the page, and each form control put into a page makes
    // Chromium's autofill read every one of the page's again (a select per paragraph here).
    const rebuild = keyed(tr, () => {
      const position = client.clauses.findIndex((c) => c.id === clause.id);
      const c = client.clauses[position];
      return [c.status, c.number, position, document.documentElement.lang];
    }, () => {
      const position = client.clauses.findIndex((c) => c.id === clause.id);
      const c = client.clauses[position];
      const name = clauseName(c, position);
      const selectId = `chair-status-${c.id}`;
      const select = h('select', { id: selectId, 'data-keep': selectId, 'data-focus': selectId },
        CLAUSE_STATUSES.map((s) => h('option', { value: s, selected: s === c.status }, clauseStatusLabel(s))));
      const set = h('button', { type: 'button', class: 'button button--small', 'data-focus': `${selectId}-set` },
        t('chair.statuses.set'), h('span', { class: 'visually-hidden' }, ` ${t('chair.statuses.for', { name })}`));
      set.addEventListener('click', () => {
        const status = select.value;
        if (status === c.status) {
          ctx.say(t('chair.statuses.same', { name, status: clauseStatusLabel(status) }));
          return;
        }
        ctx.run(() => api.setClauseStatus(documentId, c.id, status),
          { done: t('chair.statuses.done', { name, status: clauseStatusLabel(status) }) });
      });
      return [
        h('th', { scope: 'row' }, name),
        h('td', null, (excerpt = h('span', { dir: 'auto', class: 'chair-excerpt' }, clauseExcerpt(c.text)))),
        h('td', null, h('span', { class: `badge badge--${c.status}` }, clauseStatusLabel(c.status))),
        h('td', null, h('div', { class: 'chair-status-change' },
          h('label', { for: selectId, class: 'visually-hidden' }, t('chair.statuses.new', { name })), select, set)),
      ];
    });
    const update = () => {
      rebuild();
      const text = clauseExcerpt(client.clauses.find((c) => c.id === clause.id)?.text ?? '');
      if (excerpt.textContent !== text) excerpt.textContent = text;
    };
    return { tr, update };
  }

  function update() {
    const clauses = client.clauses;
    const n = Object.fromEntries(CLAUSE_STATUSES.map((s) => [s, clauses.filter((c) => c.status === s).length]));
    counts.textContent = t('chair.statuses.counts', { bracketed: n.bracketed, adref: n['agreed-ad-ref'], agreed: n.agreed });
    const present = new Set(clauses.map((c) => c.id));
    for (const [id, r] of rows) if (!present.has(id)) { r.tr.remove(); rows.delete(id); }
    let previous = null;
    for (const clause of clauses) {
      let r = rows.get(clause.id);
      if (!r) rows.set(clause.id, (r = row(clause)));
      r.update();
      const expected = previous ? previous.nextSibling : tbody.firstChild;
      if (r.tr !== expected) (previous ? previous.after(r.tr) : tbody.prepend(r.tr));
      previous = r.tr;
    }
  }
  update();
  return { element, update };
}
