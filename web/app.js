// Plenary browser entry point: hash routing between the document list and one document.

import { api, ApiError } from './js/api.js';
import { h } from './js/dom.js';
import { documentHref, parseHash } from './js/routes.js';
import { markCurrent, renderDocumentList } from './js/render-list.js';
import { renderDocument } from './js/render-document.js';
import { mountLiveMode } from './js/live-mode.js';

const els = {
  list: document.getElementById('document-list'),
  alert: document.getElementById('alert'),
  view: document.getElementById('view'),
  main: document.getElementById('main'),
  skip: document.querySelector('.skip-link'),
};

let pending = null; // AbortController of the document request in flight
let live = null; // live mode of the document shown ({stop()})

const listReady = api.listDocuments().then(
  (documents) => {
    els.list.replaceChildren(renderDocumentList(documents, currentDocumentId()));
    return documents;
  },
  (error) => {
    els.list.replaceChildren(h('p', { class: 'empty' }, 'The document list could not be loaded.'));
    showError(error);
    return null;
  });

async function route({ moveFocus }) {
  pending?.abort();
  pending = new AbortController();
  live?.stop();
  live = null;
  clearErrors();
  const target = parseHash(location.hash);

  if (target.name === 'document') return showDocument(target.id, pending.signal, { focus: moveFocus ? 'h1' : null });

  if (target.name === 'home') {
    const documents = await listReady;
    if (pending.signal.aborted || !documents) return;
    if (documents.length) {
      const id = documents[0].id;
      history.replaceState(null, '', documentHref(id));
      return showDocument(id, pending.signal, { focus: moveFocus ? 'h1' : null });
    }
    document.title = 'Plenary';
    els.view.replaceChildren(h('h1', { tabindex: '-1' }, 'Documents'),
      h('p', { class: 'empty' }, 'There are no documents to show yet.'));
    return;
  }

  document.title = 'Page not found – Plenary';
  els.view.replaceChildren();
  showError({ title: 'Page not found', detail: `There is no page at “${location.hash}”.` });
}

/**
 * Shows a document read-only, with its live bar. focus: a selector to focus afterwards, or null.
 * placeholder: show "Loading…" meanwhile (false keeps the current view until the new one is there).
 */
async function showDocument(id, signal, { focus = null, placeholder = true } = {}) {
  markCurrent(els.list, id);
  els.view.setAttribute('aria-busy', 'true');
  if (placeholder) els.view.replaceChildren(h('p', { class: 'loading' }, 'Loading document…'));
  try {
    const doc = await api.getDocument(id, { signal });
    if (signal.aborted) return;
    const article = renderDocument(doc, { exportUrl: api.exportUrl(id) });
    live = mountLiveMode(article, id, { onLeave: () => reloadDocument(id) });
    els.view.replaceChildren(article);
    document.title = `${doc.title || 'Untitled document'} – Plenary`;
    if (focus) els.view.querySelector(focus)?.focus();
  } catch (error) {
    if (signal.aborted) return;
    els.view.replaceChildren();
    showError(error);
  } finally {
    if (!signal.aborted) els.view.removeAttribute('aria-busy');
  }
}

/** After live editing: the read-only document as the server now has it, focus on the toggle. */
function reloadDocument(id) {
  pending?.abort();
  pending = new AbortController();
  live = null;
  return showDocument(id, pending.signal, { focus: '.live-toggle', placeholder: false });
}

function currentDocumentId() {
  const target = parseHash(location.hash);
  return target.name === 'document' ? target.id : null;
}

function showError(error) {
  const problem = error instanceof ApiError ? error.problem
    : error instanceof Error ? { title: 'Something went wrong', detail: error.message }
    : error;
  els.alert.append(h('div', { class: 'alert__item' },
    h('p', { class: 'alert__title' }, problem.title || 'Something went wrong'),
    problem.detail ? h('p', { class: 'alert__detail' }, problem.detail) : null));
}

function clearErrors() {
  els.alert.replaceChildren();
}

// The skip link must not change location.hash (that is our router), so move focus by hand.
els.skip.addEventListener('click', (event) => {
  event.preventDefault();
  els.main.focus();
});

window.addEventListener('hashchange', () => route({ moveFocus: true }));
route({ moveFocus: false });
