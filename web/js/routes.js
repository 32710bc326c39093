// Hash routes: "" or "#/" → home, "#/documents/{id}" → one document.

export const documentHref = (id) => `#/documents/${encodeURIComponent(id)}`;

export function parseHash(hash) {
  const path = hash.replace(/^#/, '');
  if (path === '' || path === '/') return { name: 'home' };
  const match = /^\/documents\/([^/]+)\/?$/.exec(path);
  if (match) {
    try {
      return { name: 'document', id: decodeURIComponent(match[1]) };
    } catch {
      // malformed %-escape: fall through to not-found
    }
  }
  return { name: 'not-found', path };
}
