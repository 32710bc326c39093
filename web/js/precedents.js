// "Agreed language": for one numbered paragraph, a button that lists the closest paragraphs of
// adopted texts (GET …/clauses/{id}/precedents), fetched when first opened. Shown in the drafting
// room's side panel, next to the clause being drafted.

import { api } from './api.js';
import { h } from './dom.js';
import { addStrings, t } from './i18n.js';
import strings from './strings/precedents.js';
import { renderResult } from './render-search.js';

addStrings(strings);

/** The toggle and its list for one clause: <div class="precedents-block">. */
export function renderPrecedents(documentId, clauseId) {
  const panel = h('div', { class: 'precedents', id: `precedents-${clauseId}`, hidden: true, 'aria-live': 'polite' });
  const button = h('button', {
    type: 'button', class: 'precedents__toggle', 'aria-expanded': 'false', 'aria-controls': panel.id,
  }, t('precedents.toggle'));
  button.addEventListener('click', () => toggle(button, panel, documentId, clauseId));
  return h('div', { class: 'precedents-block' }, button, panel);
}

async function toggle(button, panel, documentId, clauseId) {
  const open = button.getAttribute('aria-expanded') !== 'true';
  button.setAttribute('aria-expanded', String(open));
  panel.hidden = !open;
  if (!open || panel.dataset.loaded) return;
  panel.replaceChildren(h('p', { class: 'loading' }, t('precedents.loading')));
  try {
    const { precedents = [] } = await api.precedents(documentId, clauseId);
    panel.dataset.loaded = 'true';
    panel.replaceChildren(precedents.length
      ? h('ol', { class: 'search-results__list' }, precedents.map(renderResult))
      : h('p', null, t('precedents.none')));
  } catch (error) {
    panel.replaceChildren(h('p', { class: 'error' }, error?.problem?.detail || t('precedents.failed')));
  }
}
