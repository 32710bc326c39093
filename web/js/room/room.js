// The drafting room: one document, one live connection, several views of it.
//
//   text         the clauses (read, or edited live by chairs and rapporteurs) and a side panel
//                with the selected clause's amendments and comments (clause-panel.js)
//   compilation  every pending amendment inline against the text (compilation-view.js)
//   history      a revision slider and the difference between two revisions (history-view.js)
//   chair        phases, statuses, votes, silence procedure, adoption (chair-console.js)
//   projector    large type, read-only, following the chair's clause (projector-view.js)
//
// Every view gets the same context (ctx below): the LiveClient (text, presence), the
// NegotiationStore (amendments, comments, votes), who is reading, and a few shared actions. Views
// never change state themselves: they call the API, and the change comes back over the socket.
// Switching views keeps the connection (and any edits still to be sent).

import { api, ApiError } from '../api.js';
import { h } from '../dom.js';
import { addStrings, t, tn } from '../i18n.js';
import roomStrings from '../strings/room.js';
import eventStrings from '../strings/events.js';
import { LiveClient } from '../live/live-client.js';
import { LiveView } from '../live-view.js';
import { NegotiationStore } from './negotiation-store.js';
import { ReadView } from './read-view.js';
import { eventText } from './event-text.js';
import { clauseNameById, sentenceStart } from './clause-name.js';
import { showDocumentFacts } from '../render-document.js';
import { mountClausePanel } from './clause-panel.js';
import { mountBanners } from './banners.js';
import { mountCompilation } from './compilation-view.js';
import { mountHistory } from './history-view.js';
import { mountChairConsole } from './chair-console.js';
import { mountProjector } from './projector-view.js';
import { documentViewHref } from '../routes.js';

addStrings(roomStrings);
addStrings(eventStrings);

export const ROOM_VIEWS = ['text', 'compilation', 'history', 'chair', 'projector'];

// Refusals of live edits that undo something the person did; other codes are retried by the client.
const REFUSALS = new Set(['clause-too-long', 'clause-deleted', 'unknown-clause', 'document-frozen', 'invalid-change',
  'duplicate-clause', 'client-inconsistent']);

/**
 * Mounts the room into article (from renderDocument: .title-block and .document__body).
 * who: {user, role, delegation, meetingId, roleLabel}; onOffline(): the socket dropped (the
 * session may have ended); onForbidden(): the server refused a live edit for the person's role;
 * onFacts({status, clauseCount}): the live document's status or number of clauses changed (for
 * the sidebar). client: a live client handed over by the room this one replaces
 * (stop({handOver: true})), with its queued edits; by default a new one. preload: the document as
 * read over HTTP, shown before the socket joins (a new client only).
 * Returns {documentId, view, show(view), stop({handOver})}.
 */
export function mountRoom(article, documentId, who, {
  view = 'text', onOffline = () => {}, onForbidden = () => {}, onFacts = () => {}, client: handedOver = null,
  preload = null,
} = {}) {
  const client = handedOver ?? new LiveClient(documentId);
  const store = new NegotiationStore(documentId);
  const canEdit = who.role === 'chair' || who.role === 'rapporteur';

  const announcer = h('div', { class: 'visually-hidden', role: 'status', 'aria-live': 'polite', 'aria-atomic': 'true' });
  const status = h('p', { class: 'live-bar__status', role: 'status', 'aria-live': 'polite' });
  const pending = h('p', { class: 'live-bar__pending' });
  const message = h('p', { class: 'live-bar__message', role: 'alert' });
  const toggle = canEdit
    ? h('button', { type: 'button', class: 'live-toggle', 'aria-pressed': 'false' }, t('room.editLive'))
    : null;
  const bar = h('div', { class: 'live-bar', 'data-status': handedOver ? client.status : 'connecting' },
    h('div', { class: 'live-bar__controls' },
      toggle ?? h('p', { class: 'live-bar__note' }, t('room.readonly.note', { role: who.roleLabel })),
      status, pending),
    message);
  const tabs = h('nav', { class: 'room-tabs', 'aria-label': t('room.tabs') });
  const banners = h('div', { class: 'room-banners' });
  const stage = h('div', { class: 'room-stage' });
  const body = article.querySelector('.document__body');
  body.replaceWith(stage);
  article.querySelector('.title-block').after(tabs, bar, banners);
  article.append(announcer);
  article.classList.add('room');

  let selected = null;
  let current = null; // {name, destroy()}
  let editing = null; // LiveView while editing live
  let messageTimer = null;

  const ctx = {
    documentId,
    meetingId: who.meetingId,
    user: who.user,
    role: who.role,
    delegation: who.delegation,
    canEdit,
    client,
    store,
    api,
    /** Says text through the room's polite live region (and nowhere else). */
    announce(text) {
      announcer.textContent = '';
      // Cleared first, so that the same sentence said twice is read twice.
      setTimeout(() => { announcer.textContent = text; }, 50);
    },
    /** Shows a message under the live bar for ten seconds (role=alert). */
    say(text) {
      clearTimeout(messageTimer);
      message.textContent = text;
      messageTimer = setTimeout(() => { message.textContent = ''; }, 10_000);
    },
    /**
     * Runs one API call. On success announces done (if given) and gives the answer; on a refusal
     * shows the problem's title and detail and gives null.
     */
    async run(call, { done } = {}) {
      try {
        const answer = await call();
        if (done) ctx.announce(done);
        return answer ?? true;
      } catch (error) {
        ctx.say(problemText(error));
        return null;
      }
    },
    selectedClauseId: () => selected,
    /** Opens a clause in the side panel (text view); focusPanel moves the focus there. */
    selectClause(clauseId, { focusPanel = false } = {}) {
      if (selected !== clauseId) {
        selected = clauseId;
        client.setPresence(clauseId, null);
      }
      if (current?.name !== 'text') return;
      current.panel?.show(clauseId, { focus: focusPanel });
      current.read?.render();
    },
  };

  // ---------------------------------------------------------------- connection state

  // Called on every remote keystroke: a live region rewritten with the same words is news to some
  // screen readers and new DOM for the browser, so only a change is written.
  const setText = (el, text) => { if (el.textContent !== text) el.textContent = text; };
  const showStatus = () => {
    const s = bar.dataset.status;
    const key = s === 'offline' && !canEdit ? 'room.status.offline.readonly' : `room.status.${s}`;
    setText(status, s === 'closed' ? '' : t(key));
    const n = client.pendingCount;
    setText(pending, n > 0 ? tn('room.status.pending', n) : '');
  };
  const offs = [
    client.on('status', ({ status: s }) => {
      bar.dataset.status = s;
      showStatus();
      if (s === 'offline') onOffline();
    }),
    client.on('clause', showStatus),
    client.on('pending', showStatus),
    client.on('document', ({ clauses }) => {
      showStatus();
      onFacts({ clauseCount: clauses.length });
    }),
    // The title block and the sidebar follow the document on every screen, whoever reads it.
    client.on('revision', showFacts),
    client.on('error', ({ code, change }) => {
      showStatus();
      if (code === 'forbidden') {
        onForbidden();
        return;
      }
      if (code === 'paragraph-agreed') {
        // Typed just before the paragraph was agreed: say which one, why, and how it reopens.
        ctx.say(t('room.refused.paragraph-agreed', { Clause: sentenceStart(clauseNameById(client, change?.clauseId)) }));
        return;
      }
      if (REFUSALS.has(code)) ctx.say(t(`room.refused.${code}`));
    }),
    store.follow(client),
    store.on('events', ({ events }) => {
      const sentences = events.map((e) => eventText(e, ctx)).filter(Boolean);
      if (sentences.length) ctx.announce(sentences.join(' '));
    }),
    store.on('change', () => {
      if (store.adopted && toggle) {
        toggle.hidden = true;
        if (editing) leaveEditing();
      }
    }),
  ];

  function showFacts({ revision, status }) {
    showDocumentFacts(article, { revision, status });
    onFacts({ status });
  }

  // ---------------------------------------------------------------- live editing (text view)

  function enterEditing() {
    if (!current || current.name !== 'text' || editing) return;
    editing = new LiveView(client, {
      onMessage: ctx.say,
      onOpenPanel: (clauseId) => ctx.selectClause(clauseId, { focusPanel: true }),
    });
    current.read.element.replaceWith(editing.element);
    current.read.pause();
    article.classList.add('document--live');
    document.documentElement.classList.add('with-live-document');
    toggle.setAttribute('aria-pressed', 'true');
  }

  function leaveEditing() {
    if (!editing) return;
    editing.destroy();
    editing.element.replaceWith(current.read.element);
    current.read.resume();
    editing = null;
    article.classList.remove('document--live');
    document.documentElement.classList.remove('with-live-document');
    toggle?.setAttribute('aria-pressed', 'false');
  }

  toggle?.addEventListener('click', () => (editing ? leaveEditing() : enterEditing()));

  // ---------------------------------------------------------------- views

  function renderTabs(name) {
    const names = ROOM_VIEWS.filter((v) => v !== 'chair' || who.role === 'chair' || who.user?.admin);
    tabs.replaceChildren(h('ul', null, names.map((v) => h('li', null,
      h('a', {
        href: documentViewHref(documentId, v),
        'aria-current': v === name ? 'page' : null,
        target: v === 'projector' ? '_blank' : null,
      }, t(`room.tab.${v}`), v === 'projector' ? h('span', { class: 'visually-hidden' }, ` ${t('room.projector.opens')}`) : null)))));
  }

  /** Shows one view; focus: move the focus to its heading (or its tab), as after following a link. */
  function show(name, { focus = false } = {}) {
    if (!ROOM_VIEWS.includes(name)) name = 'text';
    if (current?.name === name) return;
    leaveEditing();
    current?.destroy();
    stage.replaceChildren();
    renderTabs(name);
    article.classList.toggle('room--projector', name === 'projector');
    if (toggle) toggle.hidden = name !== 'text' || store.adopted;
    if (name === 'text') {
      const read = new ReadView(ctx);
      const aside = h('aside', { id: 'room-panel', class: 'room-panel', 'aria-label': t('room.panel.heading') });
      stage.append(h('div', { class: 'room-columns' }, h('div', { class: 'document__body' }, read.element), aside));
      const panel = mountClausePanel(aside, ctx);
      // A class on the root, not :has() in the style sheet: with :has(), every text change in the
      // page made Chromium recheck the whole tree (10-18 ms per remote keystroke on 1,000 paragraphs).
      document.documentElement.classList.add('with-room-columns');
      current = {
        name, read, panel,
        destroy() {
          read.destroy();
          panel.destroy();
          document.documentElement.classList.remove('with-room-columns');
        },
      };
      if (selected) panel.show(selected, { focus: false });
    } else {
      const container = h('div', { class: `room-view room-view--${name}` });
      stage.append(container);
      const mount = { compilation: mountCompilation, history: mountHistory, chair: mountChairConsole, projector: mountProjector }[name];
      const mounted = mount(container, ctx);
      current = { name, destroy: () => mounted?.destroy?.() };
    }
    room.view = name;
    if (focus) {
      const heading = name === 'text' ? null : stage.querySelector('h1, h2');
      if (heading && !heading.hasAttribute('tabindex')) heading.setAttribute('tabindex', '-1');
      (heading ?? tabs.querySelector('[aria-current="page"]'))?.focus();
    }
  }

  // Clicking or focusing inside a clause makes it the selected one (and tells the others where we are).
  stage.addEventListener('focusin', (event) => {
    const clauseEl = event.target.closest?.('.document__body [data-clause-id]');
    if (clauseEl && current?.name === 'text') ctx.selectClause(clauseEl.dataset.clauseId);
  });

  const bannerMount = mountBanners(banners, ctx);

  /** Leaves the page. handOver: keep the connection (and its queued edits) for the next room: returns it. */
  function stop({ handOver = false } = {}) {
    clearTimeout(messageTimer);
    leaveEditing();
    current?.destroy();
    current = null;
    bannerMount?.destroy?.();
    offs.forEach((off) => off());
    if (handOver) return client;
    client.close();
    return null;
  }

  const room = { documentId, view: null, show, stop, ctx };
  show(view);
  showStatus();
  // A handed-over client is ahead of the document the page was drawn from.
  if (client.revision >= 0) {
    showFacts({ revision: client.revision, status: client.info?.status });
    onFacts({ clauseCount: client.clauses.length });
  }
  if (!handedOver) {
    // The page read the document over HTTP already: shown now, and the join asks only for what is newer.
    if (preload) client.preload(preload);
    client.connect();
  }
  store.reload().catch((error) => ctx.say(problemText(error)));
  return room;
}

/** "Title: detail" of an API refusal, for people. */
export function problemText(error) {
  if (error instanceof ApiError) {
    const { title, detail } = error.problem;
    return detail ? `${title}: ${detail}` : title;
  }
  return error?.message || t('room.error.generic');
}
