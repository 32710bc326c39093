// One clause in the live view: its number and name, a textarea for its text, who else is in
// it, and its tools (kind, new paragraph after, move up/down, delete). The elements are built
// once per clause and updated in place (updateLiveClause), so focus and carets survive.

import { h } from './dom.js';
import { CLAUSE_KINDS } from './live/live-client.js';
import { clauseStatusLabel } from './format.js';
import { addStrings, t } from './i18n.js';
import strings from './strings/live.js';
import { documentLanguage } from './document-language.js';

addStrings(strings);

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
 */
export function renderLiveClause(clause) {
  const id = clause.id;
  const textareaId = `live-text-${id}`;
  const parts = {
    number: h('span', { class: 'clause__number', 'aria-hidden': 'true' }),
    label: h('label', { class: 'live-clause__label', for: textareaId }),
    people: h('p', { class: 'live-clause__people', hidden: true }),
    badge: h('span', { class: 'badge' }),
    textarea: h('textarea', {
      id: textareaId, class: 'live-clause__text', dir: 'auto', lang: documentLanguage(), rows: 1, spellcheck: 'true',
      'data-action': 'text', 'aria-describedby': `live-people-${id}`,
    }),
    kind: h('select', { class: 'live-clause__kind', id: `live-kind-${id}`, 'data-action': 'kind' },
      CLAUSE_KINDS.map((kind) => h('option', { value: kind }, kindOption(kind)))),
    insert: button('insert', t('live.insert')),
    up: button('up', t('live.up')),
    down: button('down', t('live.down')),
    remove: button('delete', t('live.delete'), 'live-clause__delete'),
  };
  parts.people.id = `live-people-${id}`;
  parts.tools = h('div', { class: 'live-clause__tools', role: 'group' },
    h('label', { class: 'live-clause__kind-label', for: `live-kind-${id}` }, t('live.kind')), parts.kind,
    parts.insert, parts.up, parts.down, parts.remove);
  parts.root = h('div', { class: 'clause live-clause', 'data-clause-id': id },
    parts.number,
    h('div', { class: 'live-clause__body' },
      h('div', { class: 'live-clause__head' }, parts.label, parts.badge, parts.people),
      parts.textarea,
      parts.tools));
  parts.textarea.value = clause.text;
  return parts;
}

function button(action, text, extraClass = '') {
  return h('button', { type: 'button', class: `live-clause__button ${extraClass}`.trim(), 'data-action': action }, text);
}

/** Brings a clause's elements up to date with its kind, number and place (position of total). */
export function updateLiveClause(parts, clause, position, total) {
  const name = clauseName(clause, position);
  parts.root.className = `clause live-clause clause--${clause.kind}`;
  parts.root.dataset.status = clause.status ?? '';
  parts.number.textContent = displayNumber(clause);
  parts.badge.className = `badge badge--${clause.status}`;
  parts.badge.replaceChildren(h('span', { class: 'visually-hidden' }, t('status.label')), clauseStatusLabel(clause.status));
  parts.badge.hidden = !clause.status;
  parts.label.textContent = name;
  parts.tools.setAttribute('aria-label', t('live.tools', { name }));
  if (parts.kind.value !== clause.kind) parts.kind.value = clause.kind;
  // aria-disabled rather than disabled: a button that becomes unusable keeps the focus.
  setUsable(parts.up, position > 0);
  setUsable(parts.down, position < total - 1);
}

function setUsable(buttonElement, usable) {
  if (usable) buttonElement.removeAttribute('aria-disabled');
  else buttonElement.setAttribute('aria-disabled', 'true');
}

/** Shows who else is in the clause: "Also here: Ana, Ben" (names are text, never HTML). */
export function showPeople(parts, names) {
  parts.people.textContent = names.length ? t('live.people', { names: names.join(', ') }) : '';
  parts.people.hidden = names.length === 0;
}
