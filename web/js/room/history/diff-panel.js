// The differences between two revisions ("from" and "to", by default the one before the revision
// shown and that one): per clause, words inserted and deleted, clauses added, removed and moved.

import { h } from '../../dom.js';
import { t, tn } from '../../i18n.js';
import { clauseStatusLabel } from '../../format.js';
import { clauseName } from '../clause-name.js';
import { renderDiff } from '../render-diff.js';
import { clauseDiff } from './clause-diff.js';

export class DiffPanel {
  /** cache: RevisionCache; maxRevision() → the newest revision; onError(error). */
  constructor(cache, maxRevision, onError) {
    this._cache = cache;
    this._max = maxRevision;
    this._onError = onError;
    this._token = 0;
    this.from = h('input', { type: 'number', id: 'history-diff-from', min: '0', step: '1', inputmode: 'numeric' });
    this.to = h('input', { type: 'number', id: 'history-diff-to', min: '0', step: '1', inputmode: 'numeric' });
    this._result = h('div', { class: 'history-diff__result', 'aria-live': 'polite' });
    const form = h('form', { class: 'history-diff__form' },
      h('div', null, h('label', { for: 'history-diff-from' }, t('history.diff.from')), this.from),
      h('div', null, h('label', { for: 'history-diff-to' }, t('history.diff.to')), this.to),
      h('button', { type: 'submit' }, t('history.diff.show')));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.compare(Number(this.from.value), Number(this.to.value));
    });
    this.element = h('section', { class: 'history-diff', 'aria-labelledby': 'history-diff-heading' },
      h('h3', { id: 'history-diff-heading' }, t('history.diff.heading')), form, this._result);
  }

  /** Compares two revisions and shows the result (the last request wins). */
  async compare(from, to) {
    const max = this._max();
    this.from.max = this.to.max = String(max);
    this.from.value = String(from);
    this.to.value = String(to);
    if (![from, to].every((r) => Number.isInteger(r) && r >= 0 && r <= max)) {
      this._result.replaceChildren(h('p', { class: 'history-diff__summary' }, t('history.diff.invalid', { max })));
      return;
    }
    const token = ++this._token;
    let docs;
    try {
      docs = await Promise.all([this._cache.get(from), this._cache.get(to)]);
    } catch (error) {
      if (token === this._token) this._onError(error);
      return;
    }
    if (token !== this._token) return;
    this._show(from, to, docs[0].clauses ?? [], docs[1].clauses ?? []);
  }

  _show(from, to, before, after) {
    const entries = clauseDiff(before, after);
    if (!entries.length) {
      this._result.replaceChildren(h('p', { class: 'history-diff__summary' }, t('history.diff.none', { from, to })));
      return;
    }
    const count = (kind) => entries.filter((e) => e.kind === kind).length;
    const changes = ['changed', 'added', 'removed', 'moved'].filter(count)
      .map((kind) => tn(`history.diff.count.${kind}`, count(kind))).join(', ');
    this._result.replaceChildren(
      h('p', { class: 'history-diff__summary' }, t('history.diff.summary', { from, to, changes })),
      h('ul', null, entries.map((e) => h('li', { class: `history-diff__clause history-diff__clause--${e.kind}`, 'data-clause-id': e.clause.id },
        h('p', { class: 'history-diff__name' }, label(e)),
        h('p', { class: 'history-diff__text', dir: 'auto' }, renderDiff(e.parts))))));
  }
}

function label(e) {
  const name = clauseName(e.clause, e.position);
  let text = t(`history.diff.${e.kind}`, { name });
  if (e.kind === 'changed' && e.moved) text += `; ${t('history.diff.alsoMoved', { old: clauseName(e.fromClause, e.fromPosition) })}`;
  if (e.kind === 'moved') text = t('history.diff.moved', { name, old: clauseName(e.fromClause, e.fromPosition) });
  if (e.fromStatus) text += ` (${t('history.diff.status', { from: clauseStatusLabel(e.fromStatus), to: clauseStatusLabel(e.clause.status) })})`;
  return text;
}
