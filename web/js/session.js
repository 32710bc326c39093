// Who is signed in, and the meetings and documents they can see. Kept in memory only: the
// session itself is an HttpOnly cookie, and the CSRF token goes to api.js.

import { api, ApiError, setCsrfToken } from './api.js';

export const session = {
  user: null, // {id, username, displayName, admin}, or null when signed out
  meetings: [], // [{id, name, createdAt, role}] from GET /api/meetings
  documents: [], // document summaries, each with meetingId
};

/** Asks the server who is signed in. Resolves true/false; other failures reject. */
export async function loadSession() {
  try {
    adopt(await api.getSession());
    return true;
  } catch (error) {
    if (error instanceof ApiError && error.problem.status === 401) {
      forget();
      return false;
    }
    throw error;
  }
}

export async function signIn(username, password) {
  adopt(await api.signIn(username, password));
}

export async function signOut() {
  try {
    await api.signOut();
  } finally {
    forget();
  }
}

/** Forgets the signed-in person (after signing out, or when the server says the session is gone). */
export function forget() {
  session.user = null;
  session.meetings = [];
  session.documents = [];
  setCsrfToken(null);
}

/** Reloads the meetings and documents this person can see. */
export async function loadMeetingsAndDocuments(options) {
  const [meetings, documents] = await Promise.all([api.listMeetings(options), api.listDocuments(options)]);
  session.meetings = meetings;
  session.documents = documents;
}

export const meetingById = (id) => session.meetings.find((m) => m.id === id) ?? null;

/** The person's role in a meeting (chair, rapporteur, delegate, observer), or null. */
export const roleIn = (meetingId) => meetingById(meetingId)?.role ?? null;

/** The delegation this person speaks for in a meeting, or null. */
export const delegationIn = (meetingId) => meetingById(meetingId)?.delegation ?? null;

export const meetingIdOfDocument = (documentId) =>
  session.documents.find((d) => d.id === documentId)?.meetingId ?? null;

function adopt(me) {
  session.user = { id: me.id, username: me.username, displayName: me.displayName, admin: Boolean(me.admin) };
  setCsrfToken(me.csrfToken);
}
