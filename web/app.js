// Plenary browser entry point: who is signed in, and hash routing between the views (sign-in,
// documents, meetings, members, invitations) inside the frame (header and sidebar, frame.js).

import { api, ApiError, forgetEarly, onUnauthorized } from './js/api.js';
import { h } from './js/dom.js';
import { documentHref, meetingHref, membersHref, parseHash, searchHref, SIGN_IN_HREF } from './js/routes.js';
import { renderSearchResults } from './js/render-search.js';
import { renderDocument } from './js/render-document.js';
import { mountRoom } from './js/room/room.js';
import { addStrings, onLanguageChange, t } from './js/i18n.js';
import strings from './js/strings/frame.js';
import commonStrings from './js/strings/common.js';
import { labelPage } from './js/page-text.js';
import { renderLanguagePicker } from './js/render-language-picker.js';
import { renderSignIn } from './js/render-sign-in.js';
import { renderMeeting } from './js/render-meeting.js';
import { Frame } from './js/frame.js';
import { renderMembersView } from './js/members-view.js';
import { renderInvitationView } from './js/invitation-view.js';
import { roleInMeetingLabel } from './js/roles.js';
import {
  delegationIn, forget, loadMeetingsAndDocuments, loadSession, meetingIdOfDocument, roleIn, session, signIn, signOut,
} from './js/session.js';

addStrings(commonStrings);
addStrings(strings);

/** "Title – Plenary", the page's title in the interface language. */
const pageTitle = (title) => t('common.pageTitle', { title });

const els = {
  account: document.getElementById('account'),
  layout: document.querySelector('.layout'),
  sidebar: document.querySelector('.sidebar'),
  list: document.getElementById('meeting-list'),
  admin: document.getElementById('admin-tools'),
  alert: document.getElementById('alert'),
  view: document.getElementById('view'),
  main: document.getElementById('main'),
  skip: document.querySelector('.skip-link'),
};

const searchBox = document.getElementById('search-box');
searchBox.form.addEventListener('submit', (event) => {
  event.preventDefault();
  location.hash = searchHref(searchBox.value.trim());
});

let pending = null; // AbortController of the view being loaded
let live = null; // the drafting room of the document shown ({documentId, view, show(view), stop()})
let shownDocument = null; // the document of that room, as loaded
let returnTo = null; // where to go after signing in

const frame = new Frame(els, {
  onSignOut: () => doSignOut(),
  onMeetingCreated: async (meeting) => {
    await frame.refresh(null);
    location.hash = membersHref(meeting.id);
  },
  onError: (error) => showError(error),
});

// ---------------------------------------------------------------- routing

async function route({ moveFocus }) {
  const target = parseHash(location.hash);
  // Another view of the room already open: keep its connection (and any edits not yet sent).
  if (target.name === 'document' && live?.documentId === target.id && session.user) {
    clearErrors();
    live.show(target.view, { focus: moveFocus });
    document.body.classList.toggle('projector-mode', target.view === 'projector');
    return;
  }
  pending?.abort();
  pending = new AbortController();
  const { signal } = pending;
  live?.stop();
  live = null;
  document.body.classList.remove('projector-mode');
  clearErrors();
  const focus = moveFocus ? 'h1' : null;

  if (target.name === 'invitation') return showInvitation(target.id, signal, focus);
  if (!session.user) {
    if (target.name !== 'sign-in') {
      returnTo = location.hash;
      history.replaceState(null, '', SIGN_IN_HREF);
    }
    return showSignIn(focus);
  }
  if (target.name === 'sign-in') {
    history.replaceState(null, '', returnTo || '#/');
    returnTo = null;
    return route({ moveFocus });
  }

  frame.signedIn();
  const listed = frame.refresh(signal);
  switch (target.name) {
    case 'document': return showDocument(target.id, signal, { listed, focus, view: target.view });
    case 'meeting': return showMeeting(target.id, signal, { listed, focus });
    case 'members': return showMembers(target.id, signal, { listed, focus });
    case 'home': return showHome(signal, { listed, focus });
    case 'search': return showSearch(target.query, signal, { listed, focus });
    default:
      frame.setCurrent({});
      document.title = pageTitle(t('app.title.notFound'));
      els.view.replaceChildren();
      showError({ title: t('app.notFound.title'), detail: t('app.notFound.detail', { hash: location.hash }) });
  }
}

/** Runs a view's loading with a placeholder; errors go to the alert unless the route moved on. */
async function load(signal, placeholderText, work, { placeholder = true } = {}) {
  els.view.setAttribute('aria-busy', 'true');
  if (placeholder) els.view.replaceChildren(h('p', { class: 'loading' }, placeholderText));
  try {
    await work();
  } catch (error) {
    if (signal.aborted || error?.name === 'AbortError') return;
    els.view.replaceChildren();
    showError(error);
  } finally {
    if (!signal.aborted) els.view.removeAttribute('aria-busy');
  }
}

async function showHome(signal, { listed, focus }) {
  await load(signal, t('common.loading'), async () => {
    await listed;
    if (signal.aborted) return;
    const first = session.documents[0];
    if (first) {
      history.replaceState(null, '', documentHref(first.id));
      return showDocument(first.id, signal, { listed, focus });
    }
    if (session.meetings.length) {
      history.replaceState(null, '', meetingHref(session.meetings[0].id));
      return showMeeting(session.meetings[0].id, signal, { listed, focus });
    }
    frame.setCurrent({});
    document.title = t('common.product');
    els.view.replaceChildren(h('h1', { tabindex: '-1' }, t('app.welcome')),
      h('p', { class: 'empty' }, session.user.admin ? t('app.welcome.admin') : t('app.welcome.member')));
    if (focus) els.view.querySelector(focus)?.focus();
  });
}

/**
 * Shows a document's drafting room (room/room.js) on one of its views.
 * placeholder: show "Loading…" meanwhile (false keeps the current view until the new one is there).
 */
async function showDocument(id, signal, { listed, focus = null, placeholder = true, view = 'text' }) {
  frame.setCurrent({ documentId: id });
  await load(signal, t('app.loading.document'), async () => {
    const [doc] = await Promise.all([api.getDocument(id, { signal }), listed]);
    if (signal.aborted) return;
    mountDocument(doc, view, null);
    if (focus) els.view.querySelector(focus)?.focus();
  }, { placeholder });
}

/** The room of a loaded document; client: the live client of the room it replaces, or null. */
function mountDocument(doc, view, client) {
  const id = doc.id;
  const meetingId = meetingIdOfDocument(id);
  const role = roleIn(meetingId);
  frame.setCurrent({ documentId: id, meetingId });
  // The room draws the clauses itself (from doc, handed over below): the page only draws the title block.
  const article = renderDocument(doc, { exportUrl: (format, variant) => api.exportUrl(id, format, variant),
    clauses: false });
  document.body.classList.toggle('projector-mode', view === 'projector');
  live = mountRoom(article, id, {
    user: session.user,
    role,
    delegation: delegationIn(meetingId),
    meetingId,
    roleLabel: roleInMeetingLabel(role, session.user).toLowerCase(),
  }, {
    view,
    onOffline: checkSession,
    onForbidden: () => reloadDocument(id, true),
    onFacts: (facts) => frame.followDocument(id, facts),
    client,
    preload: client ? null : doc,
  });
  shownDocument = doc;
  els.view.replaceChildren(article);
  document.title = pageTitle(doc.title || t('common.untitled'));
}

/** Full-text search over everything this person may read. */
async function showSearch(query, signal, { listed, focus }) {
  frame.setCurrent({});
  searchBox.value = query;
  await load(signal, t('app.searching'), async () => {
    const [page] = await Promise.all([query.trim() ? api.search({ q: query }, { signal }) : null, listed]);
    if (signal.aborted) return;
    els.view.replaceChildren(renderSearchResults(query, page));
    document.title = pageTitle(query ? t('app.title.searchFor', { query }) : t('app.title.search'));
    if (focus) els.view.querySelector(focus)?.focus();
  });
}

/** The room again from the server's state (after a refused live edit), focus on the toggle. */
function reloadDocument(id, forbidden) {
  pending?.abort();
  pending = new AbortController();
  live?.stop();
  live = null;
  const { signal } = pending;
  const listed = frame.refresh(signal);
  return showDocument(id, signal, { listed, focus: forbidden ? 'h1' : '.live-toggle', placeholder: false })
    .then(() => {
      if (forbidden && !signal.aborted) {
        showError({ title: t('app.liveEnded.title'), detail: t('app.liveEnded.detail') });
      }
    });
}

async function showMeeting(id, signal, { listed, focus }) {
  frame.setCurrent({ meetingId: id });
  await load(signal, t('app.loading.meeting'), async () => {
    const [meeting] = await Promise.all([api.getMeeting(id, { signal }), listed]);
    if (signal.aborted) return;
    els.view.replaceChildren(renderMeeting(meeting, session.documents.filter((d) => d.meetingId === id), session.user));
    document.title = pageTitle(meeting.name);
    if (focus) els.view.querySelector(focus)?.focus();
  });
}

async function showMembers(id, signal, { listed, focus }) {
  frame.setCurrent({ meetingId: id, membersOf: id });
  await load(signal, t('app.loading.members'), async () => {
    const [{ element, meeting }] = await Promise.all([renderMembersView(id, {
      signal,
      user: session.user,
      onMembershipChanged: (userId) => {
        if (userId === session.user?.id) frame.refresh(null);
      },
    }), listed]);
    if (signal.aborted) return;
    els.view.replaceChildren(element);
    document.title = pageTitle(t('app.title.members', { meeting: meeting.name }));
    if (focus) els.view.querySelector(focus)?.focus();
  });
}

async function showInvitation(token, signal, focus) {
  if (session.user) frame.signedIn();
  else frame.signedOut();
  frame.setCurrent({});
  if (session.user) frame.refresh(signal);
  await load(signal, t('app.loading.invitation'), async () => {
    let view;
    try {
      view = await renderInvitationView(token, {
        signal,
        user: session.user,
        meetings: session.meetings,
        signIn,
        signOut: doSignOut,
        returnHereAfterSignIn: () => { returnTo = location.hash; },
        onAccepted: openAcceptedMeeting,
      });
    } catch (error) {
      if (!(error instanceof ApiError) || error.problem.status !== 410) throw error;
      view = h('section', null, h('h1', { tabindex: '-1' }, t('app.invitationGone.title')),
        h('p', null, t('app.invitationGone.detail')));
    }
    if (signal.aborted) return;
    els.view.replaceChildren(view);
    document.title = pageTitle(t('app.title.invitation'));
    if (focus) els.view.querySelector(focus)?.focus();
  });
}

/** After accepting: the meeting the invitation was for (found by its name), or home. */
async function openAcceptedMeeting(invitation) {
  await loadMeetingsAndDocuments();
  const matches = session.meetings.filter((m) => m.name === invitation.meeting && m.role === invitation.role);
  location.hash = matches.length === 1 ? meetingHref(matches[0].id) : '#/';
}

function showSignIn(focus) {
  frame.signedOut();
  frame.setCurrent({});
  document.title = pageTitle(t('app.title.signIn'));
  els.view.replaceChildren(renderSignIn({
    signIn,
    onSignedIn: () => {
      const target = returnTo && returnTo !== SIGN_IN_HREF ? returnTo : '#/';
      returnTo = null;
      location.hash = target;
    },
  }));
  els.view.querySelector(focus ? 'h1' : 'input')?.focus();
}

async function doSignOut() {
  live?.stop();
  live = null;
  try {
    await signOut();
  } catch (error) {
    showError(error);
  }
  returnTo = null;
  frame.signedOut();
  const target = parseHash(location.hash);
  if (target.name === 'invitation') route({ moveFocus: true });
  else location.hash = SIGN_IN_HREF;
}

/** The live connection dropped: if the session is gone, show the sign-in view. */
async function checkSession() {
  try {
    if (!(await loadSession())) sessionLost();
  } catch {
    // the server is unreachable: the live bar says "Offline" already
  }
}

function sessionLost() {
  const target = parseHash(location.hash);
  forget();
  if (target.name === 'invitation' || target.name === 'sign-in') return;
  pending?.abort();
  live?.stop();
  live = null;
  returnTo = location.hash;
  frame.signedOut();
  location.hash = SIGN_IN_HREF;
}

// ---------------------------------------------------------------- errors

function showError(error) {
  const problem = error instanceof ApiError ? error.problem
    : error instanceof Error ? { title: t('common.error'), detail: error.message }
    : error;
  els.alert.append(h('div', { class: 'alert__item' },
    h('p', { class: 'alert__title' }, problem.title || t('common.error')),
    problem.detail ? h('p', { class: 'alert__detail' }, problem.detail) : null));
}

function clearErrors() {
  els.alert.replaceChildren();
}

// ---------------------------------------------------------------- start

// Any 401 (a session that ended or expired): back to the sign-in view.
onUnauthorized(sessionLost);

// The skip link must not change location.hash (that is our router), so move focus by hand.
els.skip.addEventListener('click', (event) => {
  event.preventDefault();
  els.main.focus();
});

window.addEventListener('hashchange', () => route({ moveFocus: true }));

// A new interface language: the page's own text, the header's picker, the frame and the current view again.
labelPage();
document.getElementById('language').replaceChildren(renderLanguagePicker());
onLanguageChange(() => {
  labelPage();
  document.getElementById('language').replaceChildren(renderLanguagePicker());
  frame.languageChanged();
  if (live) {
    // The room is drawn again in the new language on the same connection, without asking the
    // server (it may be out of reach): edits not yet sent stay queued.
    const { view } = live;
    mountDocument(shownDocument, view, live.stop({ handOver: true }));
    document.getElementById('language-picker')?.focus();
  } else {
    route({ moveFocus: false }).then(() => document.getElementById('language-picker')?.focus());
  }
});

loadSession().catch((error) => {
  showError(error);
  return false;
}).then(() => route({ moveFocus: false })).finally(forgetEarly);

