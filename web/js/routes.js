// Hash routes:
//   "" or "#/"                  → home (the first document)
//   "#/sign-in"                 → the sign-in form
//   "#/documents/{id}"          → one document
//   "#/meetings/{id}"           → one meeting: its documents and a link to its members
//   "#/meetings/{id}/members"   → the members of a meeting (managed by its chairs)
//   "#/invitations/{token}"     → an invitation link
//   "#/search?q={words}"        → search results

export const documentHref = (id) => `#/documents/${encodeURIComponent(id)}`;
export const meetingHref = (id) => `#/meetings/${encodeURIComponent(id)}`;
export const membersHref = (id) => `${meetingHref(id)}/members`;
export const invitationHref = (token) => `#/invitations/${encodeURIComponent(token)}`;
export const SIGN_IN_HREF = '#/sign-in';
export const searchHref = (query) => `#/search?q=${encodeURIComponent(query)}`;

const PATTERNS = [
  ['document', /^\/documents\/([^/]+)\/?$/],
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
      return { name, id: decodeURIComponent(match[1]) };
    } catch {
      break; // malformed %-escape: not found
    }
  }
  return { name: 'not-found', path };
}
