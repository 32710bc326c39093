// The search view: the query, how many results, and each result with its document, paragraph and
// marked snippet, linking to the paragraph in its document.

import { h } from './dom.js';
import { documentHref } from './routes.js';
import { renderSnippet } from './render-snippet.js';

const KIND_LABELS = {
  clause: 'Paragraph',
  amendment: 'Amendment',
  comment: 'Comment',
  adopted: 'Adopted text',
};

export function renderSearchResults(query, page) {
  const results = Array.isArray(page?.results) ? page.results : [];
  return h('section', { class: 'search-results', 'aria-labelledby': 'search-title' },
    h('h1', { id: 'search-title', tabindex: '-1' }, 'Search'),
    h('p', { role: 'status' }, query
      ? `${page?.total ?? 0} result${page?.total === 1 ? '' : 's'} for “${query}”`
      : 'Type words to look for in the search box.'),
    results.length ? h('ol', { class: 'search-results__list' }, results.map(renderResult)) : null);
}

/** One result; shared with the precedents panel. */
export function renderResult(result) {
  const where = [KIND_LABELS[result.kind] ?? result.kind, result.number ? `paragraph ${result.number}` : null]
    .filter(Boolean).join(', ');
  const href = `${documentHref(result.documentId)}`;
  return h('li', { class: `search-result search-result--${result.kind}` },
    h('p', { class: 'search-result__where' },
      h('a', { href }, h('bdi', null, result.documentTitle || 'Untitled document')), ` · ${where}`),
    renderSnippet(result.snippet));
}
