// Same-origin JSON API client. Sends the session cookie, and on state-changing requests the
// session's CSRF token (kept in memory only, from the sign-in answer or GET /api/session).
// Failures become ApiError carrying an RFC 9457 problem object
// ({ type, title, status, detail, retryAfter }). A 401 also tells the onUnauthorized listener.

export class ApiError extends Error {
  constructor(problem) {
    super(problem.detail || problem.title);
    this.name = 'ApiError';
    this.problem = problem;
  }
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

let csrfToken = null;
let unauthorizedListener = () => {};

/** The CSRF token of the current session (null after signing out). */
export function setCsrfToken(token) {
  csrfToken = typeof token === 'string' && token ? token : null;
}

/** listener(problem) is called on every 401 except where a request expects one (expect401). */
export function onUnauthorized(listener) {
  unauthorizedListener = listener;
}

/**
 * One request. body: sent as JSON unless it is a string (then as text with contentType).
 * expect401: a 401 is an answer here (wrong password, "not signed in"), not a lost session.
 * Returns the parsed JSON, or null for an empty answer (204).
 */
async function request(method, path, { body, contentType, signal, expect401 = false, retried = false } = {}) {
  const headers = { Accept: 'application/json, application/problem+json' };
  if (body !== undefined) headers['Content-Type'] = typeof body === 'string' ? contentType : 'application/json';
  if (UNSAFE.has(method) && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let response;
  try {
    const early = method === 'GET' && body === undefined && !signal?.aborted ? takeEarly(path) : null;
    response = await (early ?? fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      credentials: 'same-origin',
      signal,
    }));
  } catch (error) {
    if (error.name === 'AbortError') throw error;
    throw new ApiError({
      title: 'Cannot reach the server',
      detail: 'Check the network connection and try again.',
    });
  }
  if (!response.ok) {
    const problem = await readProblem(response);
    // The token went stale (signed in again in another tab): fetch the current one, try once more.
    if (problem.status === 403 && problem.type === '/problems/csrf' && !retried && await refreshCsrfToken()) {
      return request(method, path, { body, contentType, signal, expect401, retried: true });
    }
    if (problem.status === 401 && !expect401) unauthorizedListener(problem);
    throw new ApiError(problem);
  }
  if (response.status === 204) return null;
  const text = await response.text();
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError({ title: 'Unexpected response', detail: `The server sent something other than JSON for ${path}.` });
  }
}

/** The answer early.js asked for at this path while the page loaded, once; else null. */
function takeEarly(path) {
  const early = globalThis.plenaryEarly;
  const response = early?.get(path) ?? null;
  early?.delete(path);
  return response;
}

/** Past the first view: what early.js asked for and nobody took is stale now. */
export function forgetEarly() {
  globalThis.plenaryEarly?.clear();
}

async function refreshCsrfToken() {
  try {
    const me = await request('GET', '/api/session', { expect401: true });
    setCsrfToken(me?.csrfToken);
    return Boolean(csrfToken);
  } catch {
    return false;
  }
}

async function readProblem(response) {
  const retryAfter = Number.parseInt(response.headers.get('Retry-After') ?? '', 10);
  const fallback = {
    status: response.status,
    title: response.statusText || `Request failed (HTTP ${response.status})`,
    detail: '',
    retryAfter: Number.isFinite(retryAfter) ? retryAfter : undefined,
  };
  if (!/json/i.test(response.headers.get('Content-Type') ?? '')) return fallback;
  try {
    const body = await response.json();
    if (!body || typeof body !== 'object') return fallback;
    return {
      ...fallback,
      type: typeof body.type === 'string' ? body.type : undefined,
      title: typeof body.title === 'string' && body.title ? body.title : fallback.title,
      detail: typeof body.detail === 'string' ? body.detail : '',
    };
  } catch {
    return fallback;
  }
}

const enc = encodeURIComponent;
const documentPath = (id) => `/api/documents/${enc(id)}`;
const meetingPath = (id) => `/api/meetings/${enc(id)}`;
const invitationPath = (token) => `/api/invitations/${enc(token)}`;

export const api = {
  // session
  getSession: (options) => request('GET', '/api/session', { ...options, expect401: true }),
  signIn: (username, password) => request('POST', '/api/session', { body: { username, password }, expect401: true }),
  signOut: () => request('DELETE', '/api/session', { expect401: true }),
  // Signed in: your own password. Without a session: {username} too (the first admin's generated one).
  changePassword: ({ username = null, currentPassword, newPassword }) => request('PUT', '/api/session/password', {
    body: username ? { username, currentPassword, newPassword } : { currentPassword, newPassword }, expect401: true,
  }),
  signOutEverywhere: () => request('DELETE', '/api/sessions', { expect401: true }),

  // meetings and members
  listMeetings: async (options) => (await request('GET', '/api/meetings', options)).meetings ?? [],
  getMeeting: (id, options) => request('GET', meetingPath(id), options),
  createMeeting: (name) => request('POST', '/api/meetings', { body: { name } }),
  listMembers: async (meetingId, options) =>
    (await request('GET', `${meetingPath(meetingId)}/members`, options)).members ?? [],
  putMember: (meetingId, userId, { role, delegation }) =>
    request('PUT', `${meetingPath(meetingId)}/members/${enc(userId)}`, { body: { role, delegation } }),
  removeMember: (meetingId, userId) => request('DELETE', `${meetingPath(meetingId)}/members/${enc(userId)}`),
  invite: (meetingId, { role, delegation, expiresInHours }) =>
    request('POST', `${meetingPath(meetingId)}/invitations`, { body: { role, delegation, expiresInHours } }),
  listInvitations: async (meetingId, options) =>
    (await request('GET', `${meetingPath(meetingId)}/invitations`, options)).invitations ?? [],
  revokeInvitation: (meetingId, invitationId) =>
    request('DELETE', `${meetingPath(meetingId)}/invitations/${enc(invitationId)}`),

  // invitations (open to anyone holding the link)
  getInvitation: (token, options) => request('GET', invitationPath(token), { ...options, expect401: true }),
  acceptInvitation: (token, account = {}) =>
    request('POST', `${invitationPath(token)}/accept`, { body: account, expect401: true }),

  // documents
  listDocuments: async (options) => (await request('GET', '/api/documents', options)).documents ?? [],
  getDocument: (id, options) => request('GET', documentPath(id), options),
  search: (params, options) => request('GET', `/api/search?${new URLSearchParams(params)}`, options),
  precedents: (id, clauseId, options) =>
    request('GET', `${documentPath(id)}/clauses/${enc(clauseId)}/precedents`, options),
  history: (id, { after = 0, limit = 500 } = {}, options) =>
    request('GET', `${documentPath(id)}/history?after=${after}&limit=${limit}`, options),
  revision: (id, rev, options) => request('GET', `${documentPath(id)}/revisions/${enc(rev)}`, options),

  // negotiation (web/docs/negotiation-api.md)
  negotiation: (id, options) => request('GET', `${documentPath(id)}/negotiation`, options),
  setPhase: (id, phase, { open, deadline }) =>
    request('PUT', `${documentPath(id)}/phases/${enc(phase)}`, { body: deadline ? { open, deadline } : { open } }),
  draftAmendment: (id, body) => request('POST', `${documentPath(id)}/amendments`, { body }),
  amendment: (id, aid, options) => request('GET', `${documentPath(id)}/amendments/${enc(aid)}`, options),
  tableAmendment: (id, aid) => request('POST', `${documentPath(id)}/amendments/${enc(aid)}/table`),
  withdrawAmendment: (id, aid) => request('POST', `${documentPath(id)}/amendments/${enc(aid)}/withdraw`),
  cosponsor: (id, aid) => request('POST', `${documentPath(id)}/amendments/${enc(aid)}/cosponsors`),
  acceptAmendment: (id, aid, text) =>
    request('POST', `${documentPath(id)}/amendments/${enc(aid)}/accept`, { body: text == null ? {} : { text } }),
  rejectAmendment: (id, aid, reason) =>
    request('POST', `${documentPath(id)}/amendments/${enc(aid)}/reject`, { body: { reason } }),
  indicative: (id, aid, position) =>
    request('POST', `${documentPath(id)}/amendments/${enc(aid)}/indicative`, { body: { position } }),
  compromise: (id, { clauseId, text, supersedes, rationale }) =>
    request('POST', `${documentPath(id)}/compromises`, { body: { clauseId, text, supersedes, rationale } }),
  comment: (id, body) => request('POST', `${documentPath(id)}/comments`, { body }),
  editComment: (id, cid, text) => request('PATCH', `${documentPath(id)}/comments/${enc(cid)}`, { body: { body: text } }),
  deleteComment: (id, cid) => request('DELETE', `${documentPath(id)}/comments/${enc(cid)}`),
  resolveComment: (id, cid) => request('POST', `${documentPath(id)}/comments/${enc(cid)}/resolve`),
  setClauseStatus: (id, clauseId, status) =>
    request('PUT', `${documentPath(id)}/clauses/${enc(clauseId)}/status`, { body: { status } }),
  callVote: (id, body) => request('POST', `${documentPath(id)}/votes`, { body }),
  vote: (id, vid, options) => request('GET', `${documentPath(id)}/votes/${enc(vid)}`, options),
  registerPresence: (id, vid) => request('POST', `${documentPath(id)}/votes/${enc(vid)}/presence`),
  openVote: (id, vid) => request('POST', `${documentPath(id)}/votes/${enc(vid)}/open`),
  castBallot: (id, vid, choice) => request('POST', `${documentPath(id)}/votes/${enc(vid)}/ballots`, { body: { choice } }),
  closeVote: (id, vid) => request('POST', `${documentPath(id)}/votes/${enc(vid)}/close`),
  startSilence: (id, { deadline, clauseIds }) =>
    request('POST', `${documentPath(id)}/silence`, { body: clauseIds ? { deadline, clauseIds } : { deadline } }),
  breakSilence: (id, clauseId, reason) => request('POST', `${documentPath(id)}/silence/breaks`, { body: { clauseId, reason } }),
  adopt: (id) => request('POST', `${documentPath(id)}/adopt`),
  audit: (id, { after = 0, limit = 500 } = {}, options) =>
    request('GET', `${documentPath(id)}/audit?after=${after}&limit=${limit}`, options),

  exportUrl: (id, format = 'md', variant = 'clean') =>
    `${documentPath(id)}/export?format=${encodeURIComponent(format)}&variant=${encodeURIComponent(variant)}`,
};
