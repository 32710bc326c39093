// The live view of a document: every clause as a textarea (render-live-clause.js) kept in step
// with a LiveClient. Typing goes through replaceText; changes from others update the textareas
// keeping the local caret; structural changes renumber and reorder the clauses in place;
// presence shows who is in which clause and reports where this person is.

import { h } from './dom.js';
import { LiveClientError } from './live/live-client.js';
import { autoGrow, showText } from './textarea.js';
import { clauseName, openKindSelect, renderLiveClause, showPeople, updateLiveClause } from './render-live-clause.js';
import { markLong } from './long-document.js';
import { addStrings, t } from './i18n.js';
import strings from './strings/live.js';

addStrings(strings);

export class LiveView {
  /**
   * @param {import('./live/live-client.js').LiveClient} client
   * @param {object} [options]
   * @param {Function} [options.confirm] message => boolean (default window.confirm)
   * @param {Function} [options.onMessage] text => void: something the person should know
   * @param {Function} [options.onOpenPanel] clauseId => void: open the clause's side panel and focus
   *   it (where an agreed paragraph is reopened); without it, agreed paragraphs offer no such button
   */
  constructor(client, { confirm = (text) => globalThis.confirm(text), onMessage = () => {}, onOpenPanel = null } = {}) {
    this.client = client;
    this._confirm = confirm;
    this._message = onMessage;
    this._openPanel = onOpenPanel;
    this._parts = new Map(); // clause id → elements (render-live-clause.js)
    this._empty = h('p', { class: 'empty' }, t('live.empty'),
      h('button', { type: 'button', class: 'live-clause__button', 'data-action': 'first' }, t('live.addFirst')));
    this.element = h('div', { class: 'clauses clauses--live' },
      h('p', { class: 'loading' }, t('live.connecting')));
    this._unsubscribe = [
      client.on('document', ({ clauses }) => this._render(clauses)),
      client.on('clause', ({ clauseId, op, text }) => this._showText(clauseId, text, op)),
      client.on('presence', () => this._showPresence()),
    ];
    this._listen();
    // Opened on a client that is already live (the room's): show what it has now.
    if (client.clauses.length) this._render(client.clauses);
  }

  /** Stops following the client (which the caller closes). */
  destroy() {
    this._unsubscribe.forEach((off) => off());
    globalThis.removeEventListener?.('resize', this._onResize);
    document.removeEventListener('selectionchange', this._onSelectionChange);
  }

  // ---------------------------------------------------------------- client → page

  _render(clauses) {
    const active = document.activeElement;
    const selection = active instanceof HTMLTextAreaElement
      ? [active.selectionStart, active.selectionEnd, active.selectionDirection] : null;
    const present = new Set(clauses.map((c) => c.id));
    for (const [id, parts] of this._parts) {
      if (!present.has(id)) {
        parts.root.remove();
        this._parts.delete(id);
      }
    }
    if (clauses.length === 0) {
      this.element.replaceChildren(this._empty);
    } else {
      this._empty.remove();
      this.element.querySelector(':scope > .loading')?.remove();
    }
    // Text areas far from the screen are not laid out or styled again on each keystroke.
    markLong(this.element, clauses.length);
    let previous = null;
    clauses.forEach((clause, i) => {
      let parts = this._parts.get(clause.id);
      if (!parts) {
        parts = renderLiveClause(clause, { toPanel: Boolean(this._openPanel) });
        this._parts.set(clause.id, parts);
      } else {
        showText(parts.textarea, clause.text); // a reload replaces texts without 'clause' events
      }
      updateLiveClause(parts, clause, i, clauses.length);
      // Move only what is out of place: moving an element takes the focus from it.
      const expected = previous ? previous.nextElementSibling : this.element.firstElementChild;
      if (expected !== parts.root) {
        if (previous) previous.after(parts.root);
        else this.element.prepend(parts.root);
      }
      previous = parts.root;
    });
    for (const parts of this._parts.values()) autoGrow(parts.textarea);
    if (active && active !== document.activeElement && active.isConnected) {
      active.focus();
      if (selection) active.setSelectionRange(...selection);
    }
    this._showPresence();
  }

  _showText(clauseId, text, op) {
    const parts = this._parts.get(clauseId);
    if (parts) showText(parts.textarea, text, op);
  }

  _showPresence() {
    const byClause = new Map();
    for (const person of this.client.people) {
      if (person.connectionId === this.client.connectionId || !person.clauseId) continue;
      if (!byClause.has(person.clauseId)) byClause.set(person.clauseId, []);
      byClause.get(person.clauseId).push(person.name || t('live.anonymous'));
    }
    for (const [id, parts] of this._parts) showPeople(parts, byClause.get(id) ?? []);
  }

  // ---------------------------------------------------------------- page → client

  _listen() {
    const root = this.element;
    root.addEventListener('input', (event) => {
      const id = clauseIdOf(event.target);
      if (!id || event.target.dataset.action !== 'text') return;
      this._try(() => this.client.replaceText(id, event.target.value));
      autoGrow(event.target);
      this._reportPresence(event.target);
    });
    root.addEventListener('change', (event) => {
      const id = clauseIdOf(event.target);
      if (!id || event.target.dataset.action !== 'kind') return;
      const select = event.target;
      if (!this._try(() => this.client.setKind(id, select.value))) select.value = this.client.clause(id)?.kind ?? select.value;
    });
    root.addEventListener('click', (event) => {
      const control = event.target.closest('button[data-action]');
      if (!control || control.getAttribute('aria-disabled') === 'true') return;
      this._act(control.dataset.action, clauseIdOf(control));
    });
    root.addEventListener('focusin', (event) => {
      if (event.target.dataset?.action === 'text') this._reportPresence(event.target);
    });
    root.addEventListener('focusout', () => {
      // Left the live clauses altogether (not just moved to another one): nowhere.
      setTimeout(() => {
        if (!root.contains(document.activeElement)) this.client.setPresence(null, null);
      }, 0);
    });
    for (const type of ['keyup', 'mouseup', 'select']) {
      root.addEventListener(type, (event) => {
        if (event.target.dataset?.action === 'text') this._reportPresence(event.target);
      });
    }
    this._onSelectionChange = () => {
      const active = document.activeElement;
      if (active?.dataset?.action === 'text' && root.contains(active)) this._reportPresence(active);
    };
    document.addEventListener('selectionchange', this._onSelectionChange);
    this._onResize = () => this._parts.forEach((parts) => autoGrow(parts.textarea));
    globalThis.addEventListener?.('resize', this._onResize);
  }

  _reportPresence(textarea) {
    if (textarea !== document.activeElement) return; // 'select' also fires for programmatic changes
    const id = clauseIdOf(textarea);
    if (id) this.client.setPresence(id, textarea.selectionStart);
  }

  _act(action, id) {
    const clauses = this.client.clauses;
    const i = clauses.findIndex((c) => c.id === id);
    switch (action) {
      case 'choose-kind':
        openKindSelect(this._parts.get(id), this.client.clause(id));
        break;
      case 'first':
        this._focus(this._try(() => this.client.insertClause(null, 'operative', '')));
        break;
      case 'insert': {
        // After the clause's own sub-paragraphs, so that they stay with their paragraph.
        let j = i;
        if (['operative', 'sub-paragraph'].includes(clauses[i].kind)) {
          while (clauses[j + 1]?.kind === 'sub-paragraph') j++;
        }
        this._focus(this._try(() => this.client.insertClause(clauses[j].id, 'operative', '')));
        break;
      }
      case 'up':
        if (i > 0) this._try(() => this.client.moveClause(id, i > 1 ? clauses[i - 2].id : null));
        break;
      case 'down':
        if (i < clauses.length - 1) this._try(() => this.client.moveClause(id, clauses[i + 1].id));
        break;
      case 'panel':
        this._openPanel?.(id);
        break;
      case 'delete': {
        const name = clauseName(clauses[i], i);
        if (!this._confirm(t('live.confirmDelete', { name }))) return;
        const neighbour = clauses[i + 1] ?? clauses[i - 1];
        if (this._try(() => this.client.deleteClause(id))) {
          this._message(t('live.deleted', { name }));
          if (neighbour) this._focus(neighbour.id);
        }
        break;
      }
      default:
    }
  }

  /** Runs a local change; a rule it breaks is told to the person. Returns fn's result (or true), or undefined. */
  _try(fn) {
    try {
      return fn() ?? true;
    } catch (error) {
      if (!(error instanceof LiveClientError)) throw error;
      // The client's message is English; its code names the rule in the interface language.
      const reason = ['invalid-change', 'unknown-clause'].includes(error.code) ? t(`live.refused.${error.code}`) : error.message;
      this._message(t('live.notPossible', { reason }));
      return undefined;
    }
  }

  _focus(clauseId) {
    const parts = typeof clauseId === 'string' ? this._parts.get(clauseId) : null;
    parts?.textarea.focus();
  }
}

function clauseIdOf(element) {
  return element?.closest?.('[data-clause-id]')?.dataset.clauseId ?? null;
}
