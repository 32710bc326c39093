// A whole document: title block, download link, then its clauses in order (in .document__body,
// which the live view replaces while editing live).

import { h } from './dom.js';
import { renderClause } from './render-clause.js';
import { documentStatusLabel, formatDate, languageName } from './format.js';

/** exportUrl(format, variant) gives the download address of each export. */
export function renderDocument(doc, { exportUrl }) {
  const meta = doc.meta ?? {};
  const clauses = Array.isArray(doc.clauses) ? doc.clauses : [];

  return h('article', { class: 'document', 'aria-labelledby': 'document-title' },
    h('header', { class: 'title-block' },
      meta.symbol
        ? h('p', { class: 'title-block__symbol' }, h('span', { class: 'visually-hidden' }, 'Symbol: '), meta.symbol)
        : null,
      meta.conference ? h('p', { class: 'title-block__conference', dir: 'auto' }, meta.conference) : null,
      placeAndDate(meta),
      h('h1', { id: 'document-title', tabindex: '-1', dir: 'auto' }, doc.title || 'Untitled document'),
      h('dl', { class: 'title-block__facts' },
        meta.language ? fact('Original', languageName(meta.language)) : null,
        fact('Status', documentStatusLabel(doc.status)),
        fact('Revision', String(doc.revision ?? 0))),
      h('p', { class: 'title-block__actions' },
        'Download: ',
        h('a', { href: exportUrl('pdf'), download: true }, 'PDF'), ' · ',
        h('a', { href: exportUrl('pdf', 'compilation'), download: true }, 'PDF compilation text'), ' · ',
        h('a', { href: exportUrl('html'), download: true }, 'HTML'), ' · ',
        h('a', { href: exportUrl('html', 'compilation'), download: true }, 'HTML compilation text'), ' · ',
        h('a', { href: exportUrl('md'), download: true }, 'Markdown'))),
    h('div', { class: 'document__body' },
      clauses.length
        ? h('div', { class: 'clauses' }, clauses.map(renderClause))
        : h('p', { class: 'empty' }, 'This document has no clauses yet.')));
}

function placeAndDate({ place, date }) {
  if (!place && !date) return null;
  return h('p', { class: 'title-block__place' },
    place ? h('bdi', null, place) : null,
    place && date ? ', ' : null,
    date ? h('time', { datetime: date }, formatDate(date)) : null);
}

const fact = (term, value) => h('div', null, h('dt', null, term), h('dd', null, value));
