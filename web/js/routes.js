// Hash routes:
//   "" or "#/"                       → home (the first document)
//   "#/sign-in"                      → the sign-in form
//   "#/documents/{id}"               → the drafting room of one document (its text)
//   "#/documents/{id}/{view}"        → another view of the room: compilation, history, chair, projector
//   "#/meetings/{id}"                → one meeting: its documents and a link to its members
//   "#/meetings/{id}/members"        → the members of a meeting (managed by its chairs)
//   "#/invitations/{token}"          → an invitation link
//   "#/search?q={words}"             → search results

export const documentHref = (id) => `#/documents/${encodeURIComponent(id)}`;
export const documentViewHref = (id, view) => (view && view !== 'text' ? `${documentHref(id)}/${view}` : documentHref(id));
export const meetingHref = (id) => `#/meetings/${encodeURIComponent(id)}`;
export const membersHref = (id) => `${meetingHref(id)}/members`;
export const invitationHref = (token) => `#/invitations/${encodeURIComponent(token)}`;
export const SIGN_IN_HREF = '#/sign-in';
export const searchHref = (query) => `#/search?q=${encodeURIComponent(query)}`;

const PATTERNS = [
  ['document', /^\/documents\/([^/]+)\/?$/],
  ['document', /^\/documents\/([^/]+)\/(compilation|history|chair|projector)\/?$/],
  ['members', /^\/meetings\/([^/]+)\/members\/?$/],
  ['meeting', /^\/meetings\/([^/]+)\/?$/],
  ['invitation', /^\/invitations\/([^/]+)\/?$/],
];

export function parseHash(hash) {
  const path = hash.replace(/^#/, '');
  if (path === '' || path === '/') return { name: 'home' };
  if (/^\/sign-in\/?$/.test(path)) return { name: 'sign-in' };
  const search = /^\/search\/?(?:\?(.*))?$/.exec(path);
  if (search) return { name: 'search', query: new URLSearchParams(search[1] ?? '').get('q') ?? '' };
  for (const [name, pattern] of PATTERNS) {
    const match = pattern.exec(path);
    if (!match) continue;
    try {
      const target = { name, id: decodeURIComponent(match[1]) };
      if (name === 'document') target.view = match[2] ?? 'text';
      return target;
    } catch {
      break; // malformed %-escape: not found
    }
  }
  return { name: 'not-found', path };
}
