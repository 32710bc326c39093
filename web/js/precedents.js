// "Agreed language": under each numbered paragraph of a document, a button that lists the closest
// paragraphs of adopted texts (GET …/clauses/{id}/precedents), fetched when first opened.

import { api } from './api.js';
import { h } from './dom.js';
import { renderResult } from './render-search.js';

export function mountPrecedents(article, documentId) {
  for (const clause of article.querySelectorAll('.clause--preambular, .clause--operative, .clause--sub-paragraph')) {
    const clauseId = clause.dataset.clauseId;
    const panel = h('div', { class: 'precedents', id: `precedents-${clauseId}`, hidden: true, 'aria-live': 'polite' });
    const button = h('button', {
      type: 'button', class: 'precedents__toggle', 'aria-expanded': 'false', 'aria-controls': panel.id,
    }, 'Agreed language');
    button.addEventListener('click', () => toggle(button, panel, documentId, clauseId));
    clause.append(button, panel);
  }
}

async function toggle(button, panel, documentId, clauseId) {
  const open = button.getAttribute('aria-expanded') !== 'true';
  button.setAttribute('aria-expanded', String(open));
  panel.hidden = !open;
  if (!open || panel.dataset.loaded) return;
  panel.replaceChildren(h('p', { class: 'loading' }, 'Looking for agreed language…'));
  try {
    const { precedents = [] } = await api.precedents(documentId, clauseId);
    panel.dataset.loaded = 'true';
    panel.replaceChildren(precedents.length
      ? h('ol', { class: 'search-results__list' }, precedents.map(renderResult))
      : h('p', null, 'No adopted text has a paragraph like this one.'));
  } catch (error) {
    panel.replaceChildren(h('p', { class: 'error' }, error?.detail || 'Agreed language could not be loaded.'));
  }
}
