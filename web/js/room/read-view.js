// The document as everyone reads it in the room: clauses rendered as text (render-clause.js),
// kept in step with the LiveClient (remote edits, merged amendments, statuses), each with a button
// naming how many amendments and comments it has, which opens the clause's side panel.
// Delegates table amendments from here by selecting words (the panel's tabling form). Who else is
// in a clause (presence) shows under it.

import { h } from '../dom.js';
import { t, tn } from '../i18n.js';
import { renderClause } from '../render-clause.js';
import { markLong } from '../long-document.js';
import { clauseName } from './clause-name.js';

export class ReadView {
  /** ctx: the room context (room.js). */
  constructor(ctx) {
    this._ctx = ctx;
    this._items = new Map(); // clause id → {root, key}
    this.element = h('div', { class: 'clauses clauses--room' }, h('p', { class: 'loading' }, t('room.loading')));
    const { client, store } = ctx;
    this._off = [
      client.on('document', () => this.render()),
      client.on('clause', ({ clauseId }) => this._renderOne(clauseId)),
      client.on('presence', () => this._presenceChanged()),
      store.on('change', () => this.render()),
    ];
    this.element.addEventListener('click', (event) => {
      const open = event.target.closest('[data-action="open-clause"]');
      if (open) ctx.selectClause(open.closest('[data-clause-id]').dataset.clauseId, { focusPanel: true });
    });
    if (client.clauses.length) this.render();
  }

  destroy() {
    this._off.forEach((off) => off());
  }

  /**
   * While live editing shows the document instead, the read view does nothing: it followed every
   * keystroke, frame and caret out of sight. resume() brings it up to date and keeps it there.
   */
  pause() {
    this._paused = true;
  }

  resume() {
    this._paused = false;
    this.render();
  }

  /** Brings every clause up to date (only those that changed are rebuilt). */
  render() {
    if (this._paused) return;
    const clauses = this._ctx.client.clauses;
    if (!clauses.length) {
      this._items.clear();
      this.element.replaceChildren(h('p', { class: 'empty' }, t('room.empty')));
      return;
    }
    this.element.querySelector(':scope > .loading, :scope > .empty')?.remove();
    markLong(this.element, clauses.length); // long-document.js
    const present = new Set(clauses.map((c) => c.id));
    for (const [id, item] of this._items) {
      if (!present.has(id)) {
        item.root.remove();
        this._items.delete(id);
      }
    }
    const tally = this._tally();
    this._here = tally.here;
    let previous = null;
    clauses.forEach((clause, position) => {
      const root = this._upToDate(clause, position, tally);
      const expected = previous ? previous.nextSibling : this.element.firstChild;
      if (root !== expected) {
        if (previous) previous.after(root);
        else this.element.prepend(root);
      }
      previous = root;
    });
  }

  /**
   * Who is where changed: only the clauses someone arrived in or left are looked at again (a
   * presence frame comes with every move of a caret, so not a pass over every clause).
   */
  _presenceChanged() {
    if (this._paused) return;
    const tally = this._tally();
    const before = this._here ?? new Map();
    this._here = tally.here;
    const changed = new Set();
    for (const [id, names] of tally.here) if (String(before.get(id) ?? '') !== String(names)) changed.add(id);
    for (const id of before.keys()) if (!tally.here.has(id)) changed.add(id);
    if (!changed.size) return;
    this._ctx.client.clauses.forEach((clause, position) => {
      if (changed.has(clause.id) && this._items.has(clause.id)) this._upToDate(clause, position, tally);
    });
  }

  _renderOne(clauseId) {
    if (this._paused) return;
    const clauses = this._ctx.client.clauses;
    const position = clauses.findIndex((c) => c.id === clauseId);
    if (position >= 0 && this._items.has(clauseId)) this._upToDate(clauses[position], position, this._tally());
  }

  /**
   * Per clause id: pending amendments, comments and who else is there, counted in one pass each
   * (a render follows every presence frame, so not once per clause).
   */
  _tally() {
    const { store, client } = this._ctx;
    const amendments = new Map();
    const comments = new Map();
    const here = new Map();
    for (const a of store.state.amendments) {
      if (a.state === 'draft' || a.state === 'tabled') amendments.set(a.clauseId, (amendments.get(a.clauseId) ?? 0) + 1);
    }
    for (const c of store.state.comments) {
      if (!c.deleted && c.target === 'clause') comments.set(c.targetId, (comments.get(c.targetId) ?? 0) + 1);
    }
    for (const p of client.people) {
      if (p.clauseId && p.connectionId !== client.connectionId) here.set(p.clauseId, [...(here.get(p.clauseId) ?? []), p.name]);
    }
    return { amendments, comments, here };
  }

  /** The clause's element, rebuilt in place when its text, number, status or counts changed. */
  _upToDate(clause, position, tally) {
    const amendments = tally.amendments.get(clause.id) ?? 0;
    const comments = tally.comments.get(clause.id) ?? 0;
    const here = tally.here.get(clause.id) ?? [];
    const selected = this._ctx.selectedClauseId() === clause.id;
    const key = JSON.stringify([clause.text, clause.kind, clause.number, clause.status, amendments, comments, selected,
      here, document.documentElement.lang]);
    const item = this._items.get(clause.id);
    if (item && item.key === key) return item.root;

    const root = renderClause(clause);
    root.classList.add('room-clause');
    root.classList.toggle('room-clause--selected', selected);
    const name = clauseName(clause, position);
    // The visible counts are part of the button's name (WCAG 2.5.3), after the clause's name.
    const counts = `${tn('room.clause.amendments', amendments)} · ${tn('room.clause.comments', comments)}`;
    const open = h('button', {
      type: 'button',
      class: 'room-clause__open',
      'data-action': 'open-clause',
      'aria-expanded': selected ? 'true' : 'false',
      'aria-controls': 'room-panel',
    }, h('span', { class: 'visually-hidden' }, `${t('room.clause.open', { name })}: `), counts);
    // Status, counts and presence go under the text, which keeps the width beside the panel.
    root.append(h('div', { class: 'room-clause__meta' }, root.querySelector(':scope > .badge'), open,
      here.length ? h('span', { class: 'room-clause__people' }, t('room.people.here', { names: here.join(', ') })) : null));
    // Recorded before focusing: focus() re-enters render() through the room's focusin handler.
    this._items.set(clause.id, { root, key });
    if (item) {
      const hadFocus = item.root.contains(document.activeElement);
      item.root.replaceWith(root);
      if (hadFocus) root.querySelector('.room-clause__open')?.focus();
    }
    return root;
  }
}
