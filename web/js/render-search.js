// The search view: the query, how many results, and each result with its document, paragraph and
// marked snippet, linking to the paragraph in its document.

import { h } from './dom.js';
import { addStrings, t, tn } from './i18n.js';
import strings from './strings/search.js';
import commonStrings from './strings/common.js';
import { documentHref } from './routes.js';
import { renderSnippet } from './render-snippet.js';

addStrings(commonStrings);
addStrings(strings);

const KINDS = new Set(['clause', 'amendment', 'comment', 'adopted']);

export function renderSearchResults(query, page) {
  const results = Array.isArray(page?.results) ? page.results : [];
  return h('section', { class: 'search-results', 'aria-labelledby': 'search-title' },
    h('h1', { id: 'search-title', tabindex: '-1' }, t('search.title')),
    h('p', { role: 'status' }, query
      ? tn('search.count', page?.total ?? 0, { query })
      : t('search.empty')),
    results.length ? h('ol', { class: 'search-results__list' }, results.map(renderResult)) : null);
}

/** One result; shared with the precedents panel. */
export function renderResult(result) {
  // An amendment by the number the room cites it by: "Amendment A7, paragraph 3".
  const kind = KINDS.has(result.kind) ? t(`search.kind.${result.kind}`) : result.kind;
  const where = [result.label ? `${kind} ${result.label}` : kind,
    result.number ? t('search.paragraph', { number: result.number }) : null]
    .filter(Boolean).join(', ');
  const href = `${documentHref(result.documentId)}`;
  return h('li', { class: `search-result search-result--${result.kind}` },
    h('p', { class: 'search-result__where' },
      h('a', { href }, h('bdi', null, result.documentTitle || t('common.untitled'))), ` · ${where}`),
    renderSnippet(result.snippet));
}
