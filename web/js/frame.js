// The frame around the views: the header's "Signed in as" area, and the sidebar with the
// meetings and documents this person can see (plus the admin's "New meeting" form). It keeps
// track of what the view shows, to mark the current link and name the role in that meeting. The
// open document's entry (status, clause count) follows the live document (followDocument)
// between reloads of the list.

import { h } from './dom.js';
import { ApiError } from './api.js';
import { markCurrent, renderMeetingList } from './render-list.js';
import { renderAccountBar } from './render-account-bar.js';
import { renderNewMeetingForm } from './render-new-meeting.js';
import { roleInMeetingLabel } from './roles.js';
import { addStrings, t } from './i18n.js';
import strings from './strings/frame.js';
import { loadMeetingsAndDocuments, roleIn, session } from './session.js';

addStrings(strings);

export class Frame {
  /**
   * els: {account, layout, sidebar, list, admin}.
   * onSignOut(): the Sign out button; onMeetingCreated(meeting): after the admin's form;
   * onError(error): something to show in the page's alert.
   */
  constructor(els, { onSignOut, onMeetingCreated, onError }) {
    this._els = els;
    this._on = { onSignOut, onMeetingCreated, onError };
    this._listKey = ''; // what the sidebar shows, to redraw it only when that changed
    this.current = {}; // what the view shows: {documentId, meetingId, membersOf}
  }

  signedIn() {
    const { sidebar, layout, admin } = this._els;
    sidebar.hidden = false;
    layout.classList.remove('layout--single');
    this._renderAccount();
    if (session.user.admin && !admin.firstChild) {
      admin.replaceChildren(renderNewMeetingForm({ onCreated: (meeting) => this._on.onMeetingCreated(meeting) }));
    }
    admin.hidden = !session.user.admin;
  }

  signedOut() {
    const { sidebar, layout, account, list, admin } = this._els;
    sidebar.hidden = true;
    layout.classList.add('layout--single');
    account.replaceChildren();
    list.replaceChildren();
    admin.replaceChildren();
    this._listKey = '';
  }

  /** After a change of interface language: the next refresh draws the sidebar and forms again. */
  languageChanged() {
    this._listKey = '';
    this._els.admin.replaceChildren();
    if (session.user) this.signedIn();
  }

  /** What the view shows now: {documentId, meetingId, membersOf}, each optional. */
  setCurrent(next) {
    this.current = next;
    markCurrent(this._els.list, next);
    this._renderAccount();
  }

  /** Reloads meetings and documents; redraws the sidebar and header when they changed. */
  async refresh(signal) {
    const { list } = this._els;
    try {
      await loadMeetingsAndDocuments({ signal });
    } catch (error) {
      if (signal?.aborted || error?.name === 'AbortError') return;
      if (!(error instanceof ApiError) || error.problem.status !== 401) {
        list.replaceChildren(h('p', { class: 'empty' }, t('frame.meetings.failed')));
        this._on.onError(error);
      }
      return;
    }
    if (!session.user) return;
    this._drawList();
    this._renderAccount();
  }

  /**
   * What the live connection says of a document now: {status, clauseCount}, each optional. Its
   * entry in the sidebar follows without asking the server.
   */
  followDocument(documentId, { status, clauseCount } = {}) {
    const entry = session.documents.find((d) => d.id === documentId);
    if (!entry || !session.user) return;
    if (status) entry.status = status;
    if (Number.isInteger(clauseCount)) entry.clauseCount = clauseCount;
    this._drawList();
  }

  /** Redraws the sidebar's list when what it shows changed. */
  _drawList() {
    const { list } = this._els;
    const key = JSON.stringify([session.meetings,
      session.documents.map((d) => [d.id, d.meetingId, d.title, d.status, d.clauseCount])]);
    if (key !== this._listKey) {
      this._listKey = key;
      // Redrawing must not lose the focus: it goes to the same link in the new list.
      const focused = list.contains(document.activeElement) ? document.activeElement.getAttribute('href') : null;
      list.replaceChildren(renderMeetingList(session.meetings, session.documents, session.user, this.current.documentId));
      if (focused) [...list.querySelectorAll('a')].find((a) => a.getAttribute('href') === focused)?.focus();
    }
    markCurrent(list, this.current);
  }

  _renderAccount() {
    const { account } = this._els;
    if (!session.user) {
      account.replaceChildren();
      return;
    }
    const meetingId = this.current.meetingId ?? null;
    const role = meetingId ? roleIn(meetingId) : null;
    // No role named when the person has none here (and is no admin).
    const roleText = role || session.user.admin ? roleInMeetingLabel(role, session.user) : null;
    account.replaceChildren(renderAccountBar(session.user, roleText,
      { onSignOut: () => this._on.onSignOut() }));
  }
}
