// One clause in the live view: its number and name, its status (paragraphs only, as in the read
// view), a textarea for its text, who else is in it, and its tools (kind, new paragraph after,
// move up/down, delete). The elements are built once per clause and updated in place
// (updateLiveClause), so focus and carets survive.
// An agreed (or agreed ad ref) paragraph is read-only, with a note on why and how it reopens: the
// server refuses changes to its text, place and kind until it is bracketed again, which is done
// from the paragraph's side panel (room/panel/status-control.js); a button beside the note takes
// the focus there, past every clause that comes before the panel in the page.

import { h } from './dom.js';
import { CLAUSE_KINDS } from './live/live-client.js';
import { clauseStatusLabel, isSettledStatus } from './format.js';
import { showsStatus } from './render-clause.js';
import { addStrings, language, t } from './i18n.js';
import strings from './strings/live.js';
import panelStrings from './strings/panel.js';
import { documentLanguage } from './document-language.js';

addStrings(strings);
addStrings(panelStrings); // the note names the panel's "Reopen for negotiation" button in its own words

const KINDS = new Set(['heading', 'preambular', 'operative', 'sub-paragraph', 'free-text', 'footnote']);

const kindName = (kind) => t(`live.kind.${KINDS.has(kind) ? kind : 'clause'}`);
/** The kind select's options: shorter names for the two kinds of paragraph. */
const kindOption = (kind) => (kind === 'preambular' || kind === 'operative' ? t(`live.option.${kind}`) : kindName(kind));

/** "Operative paragraph 3", "Sub-paragraph (a)", "Heading, clause 1": how the clause is named. */
export function clauseName(clause, position) {
  const kind = kindName(clause.kind);
  return clause.number ? t('live.clause.numbered', { kind, number: clause.number })
    : t('live.clause.unnumbered', { kind, position: position + 1 });
}

function displayNumber(clause) {
  if (!clause.number) return '';
  return clause.kind === 'operative' ? `${clause.number}.` : clause.number;
}

/**
 * Builds the elements of one live clause. The returned object holds them; its root carries
 * data-clause-id, and every control data-action, for the view's delegated event handlers.
 * toPanel: add the button that opens the clause's side panel (shown while it is agreed).
 */
export function renderLiveClause(clause, { toPanel = false } = {}) {
  const id = clause.id;
  const textareaId = `live-text-${id}`;
  const parts = {
    number: h('span', { class: 'clause__number', 'aria-hidden': 'true' }),
    label: h('label', { class: 'live-clause__label', for: textareaId }),
    people: h('p', { class: 'live-clause__people', hidden: true }),
    badge: h('span', { class: 'badge' }),
    note: h('p', { class: 'live-clause__note', id: `live-note-${id}`, hidden: true }),
    toPanel: toPanel ? button('panel', '', 'live-clause__to-panel') : null,
    // autocomplete off: the text is the server's, so the browser must not save it with the page's
    // history and restore it; saving every text area's state is also what Chromium did about once
    // a second while anyone typed (some 90 ms a time on a 1,000-paragraph document).
    textarea: h('textarea', {
      id: textareaId, class: 'live-clause__text', dir: 'auto', lang: documentLanguage(), rows: 1, spellcheck: 'true',
      autocomplete: 'off', 'data-action': 'text', 'aria-describedby': `live-people-${id}`,
    }),
    // The kind's select is made when asked for (openKindSelect): Chromium's autofill reads every
    // form control outside a form after each keystroke and caret move, and a select per paragraph
    // doubled them (about 5 ms a keystroke on a 1,000-paragraph document).
    kind: null,
    kindButton: button('choose-kind', '', 'live-clause__kind-button'),
    insert: button('insert', t('live.insert')),
    up: button('up', t('live.up')),
    down: button('down', t('live.down')),
    remove: button('delete', t('live.delete'), 'live-clause__delete'),
  };
  parts.people.id = `live-people-${id}`;
  parts.kindSlot = h('span', { class: 'live-clause__kind-slot' }, parts.kindButton);
  parts.tools = h('div', { class: 'live-clause__tools', role: 'group' },
    parts.kindSlot, parts.insert, parts.up, parts.down, parts.remove);
  parts.root = h('div', { class: 'clause live-clause', 'data-clause-id': id },
    parts.number,
    h('div', { class: 'live-clause__body' },
      h('div', { class: 'live-clause__head' }, parts.label, parts.badge, parts.people),
      parts.note,
      parts.toPanel,
      parts.textarea,
      parts.tools));
  parts.textarea.value = clause.text;
  return parts;
}

function button(action, text, extraClass = '') {
  return h('button', { type: 'button', class: `live-clause__button ${extraClass}`.trim(), 'data-action': action }, text);
}

/**
 * Brings a clause's elements up to date with its kind, number and place (position of total).
 * Writes nothing when none of these changed: a structural change or a reload updates every clause,
 * and on a long document rewriting each one's attributes was hundreds of DOM changes per frame.
 */
export function updateLiveClause(parts, clause, position, total) {
  const key = [clause.kind, clause.number, clause.status, position, position === total - 1, language()].join('\u0000');
  if (parts.key === key) return;
  parts.key = key;
  const name = clauseName(clause, position);
  parts.root.className = `clause live-clause clause--${clause.kind}`;
  parts.root.dataset.status = clause.status ?? '';
  parts.number.textContent = displayNumber(clause);
  parts.badge.className = `badge badge--${clause.status}`;
  parts.badge.replaceChildren(h('span', { class: 'visually-hidden' }, t('status.label')), clauseStatusLabel(clause.status));
  parts.badge.hidden = !clause.status || !showsStatus(clause);
  parts.label.textContent = name;
  parts.tools.setAttribute('aria-label', t('live.tools', { name }));
  parts.kindButton.textContent = t('live.kind.current', { kind: kindOption(clause.kind) });
  if (parts.kind && parts.kind.value !== clause.kind) parts.kind.value = clause.kind;
  const settled = isSettledStatus(clause.status);
  parts.root.classList.toggle('live-clause--settled', settled);
  parts.textarea.readOnly = settled;
  parts.textarea.setAttribute('aria-readonly', String(settled));
  parts.textarea.setAttribute('aria-describedby', settled ? `live-note-${clause.id} live-people-${clause.id}` : `live-people-${clause.id}`);
  parts.note.textContent = settled ? t('live.settled', { status: clauseStatusLabel(clause.status), reopen: t('panel.status.reopen') }) : '';
  parts.note.hidden = !settled;
  if (parts.toPanel) {
    // The clause's name, hidden, tells the buttons of several agreed paragraphs apart.
    parts.toPanel.replaceChildren(t('live.toPanel'), h('span', { class: 'visually-hidden' }, `: ${name}`));
    parts.toPanel.hidden = !settled;
  }
  if (parts.kind) parts.kind.disabled = settled;
  setUsable(parts.kindButton, !settled);
  // aria-disabled rather than disabled: a button that becomes unusable keeps the focus.
  setUsable(parts.up, position > 0 && !settled);
  setUsable(parts.down, position < total - 1 && !settled);
  setUsable(parts.remove, !settled);
}

/**
 * Puts the kind's select (labelled, on the clause's kind) where its button was and focuses it; the
 * button comes back once the focus has left the select. Changes reach the view as 'change' events
 * of a control with data-action "kind".
 */
export function openKindSelect(parts, clause) {
  if (!clause) return;
  if (!parts.kind) {
    const id = clause.id;
    parts.kind = h('select', { class: 'live-clause__kind', id: `live-kind-${id}`, 'data-action': 'kind', autocomplete: 'off' },
      CLAUSE_KINDS.map((kind) => h('option', { value: kind }, kindOption(kind))));
    parts.kindLabel = h('label', { class: 'live-clause__kind-label', for: `live-kind-${id}` }, t('live.kind'));
    parts.kind.addEventListener('focusout', () => {
      // After the view has put the focus back (moving an element takes it away for a moment).
      setTimeout(() => { if (parts.kind && document.activeElement !== parts.kind) closeKindSelect(parts); }, 0);
    });
    parts.kind.addEventListener('keydown', (event) => {
      if (event.key !== 'Escape') return;
      closeKindSelect(parts);
      parts.kindButton.focus();
    });
  }
  parts.kind.value = clause.kind;
  parts.kind.disabled = isSettledStatus(clause.status);
  parts.kindSlot.replaceChildren(parts.kindLabel, parts.kind);
  parts.kind.focus();
}

function closeKindSelect(parts) {
  if (!parts.kind) return;
  parts.kindSlot.replaceChildren(parts.kindButton);
  parts.kind = null;
}

function setUsable(buttonElement, usable) {
  if (usable) buttonElement.removeAttribute('aria-disabled');
  else buttonElement.setAttribute('aria-disabled', 'true');
}

/**
 * Shows who else is in the clause: "Also here: Ana, Ben" (names are text, never HTML). Every
 * presence frame (a caret moved anywhere) comes here for every clause, so only a clause whose
 * people changed is written to.
 */
export function showPeople(parts, names) {
  const text = names.length ? t('live.people', { names: names.join(', ') }) : '';
  if (parts.people.textContent === text && parts.people.hidden === (names.length === 0)) return;
  parts.people.textContent = text;
  parts.people.hidden = names.length === 0;
}
