// The first requests of a page load, started while the modules are still loading and running
// (about 0.6 s before app.js asked for anything, on a 1,000-paragraph room): who is signed in,
// the sidebar's meetings and documents and, at a document's address, the document. A classic
// script, so it runs as soon as the page is parsed this far. api.js takes each answer once
// (takeEarly), during the first view only; everything later asks the server as usual.
'use strict';
(() => {
  const ask = (path) => fetch(path, {
    headers: { Accept: 'application/json, application/problem+json' },
    credentials: 'same-origin',
  });
  const paths = ['/api/session', '/api/meetings', '/api/documents'];
  const documentId = /^#\/documents\/([A-Za-z0-9_-]+)(?:[/?]|$)/.exec(location.hash)?.[1];
  if (documentId) paths.push(`/api/documents/${documentId}`);
  window.plenaryEarly = new Map(paths.map((path) => [path, ask(path)]));
})();
