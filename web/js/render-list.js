// The document list in the sidebar.

import { h } from './dom.js';
import { documentHref } from './routes.js';
import { clauseCountLabel, documentStatusLabel } from './format.js';

export function renderDocumentList(documents, currentId) {
  if (!documents.length) return h('p', { class: 'empty' }, 'No documents yet.');
  return h('ul', { class: 'doc-list' }, documents.map((doc) =>
    h('li', null,
      h('a', {
        class: 'doc-list__link',
        href: documentHref(doc.id),
        'data-document-id': doc.id,
        'aria-current': doc.id === currentId ? 'page' : null,
      },
      h('span', { class: 'doc-list__title', dir: 'auto' }, doc.title || 'Untitled document'),
      h('span', { class: 'doc-list__meta' },
        [doc.meta?.symbol, documentStatusLabel(doc.status), clauseCountLabel(doc.clauseCount)]
          .filter(Boolean).join(' · '))))));
}

export function markCurrent(container, currentId) {
  for (const link of container.querySelectorAll('a[data-document-id]')) {
    if (link.dataset.documentId === currentId) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
}
