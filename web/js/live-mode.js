// Live mode of the document page: the "Edit live" toggle connects a LiveClient and shows the
// live view in place of the read-only clauses; leaving closes the client and hands back to the
// read-only page. Only chairs and rapporteurs get the toggle (the server refuses others' changes
// with "forbidden"); the server names each person by their account's display name.

import { LiveClient } from './live/live-client.js';
import { LiveView } from './live-view.js';
import { renderLiveBar } from './render-live-bar.js';

const STATUS_TEXT = {
  connecting: 'Connecting…',
  online: 'Online',
  offline: 'Offline — edits are kept and sent on reconnect',
  resyncing: 'Resynchronising',
  closed: '',
};

// Refusals that undo something the person did; other codes are retried by the client.
const REFUSALS = {
  'clause-too-long': 'A clause can hold at most 100,000 characters: the last change was undone.',
  'clause-deleted': 'Someone else deleted that clause: your change to it was dropped.',
  'unknown-clause': 'That clause no longer exists: your change to it was dropped.',
  'document-frozen': 'The document has been adopted and can no longer change: your change was undone.',
  'invalid-change': 'The server refused a change that would break the document’s rules: it was undone.',
  'duplicate-clause': 'A new clause could not be added: please try again.',
  'client-inconsistent': 'Reloading the document from the server…',
};

/**
 * Adds the live bar to a rendered document (article from renderDocument) and runs live mode.
 * canEdit: the person's role allows live editing; note: what to show instead of the toggle.
 * onLeave({forbidden}) is called after leaving live mode, to show the read-only document again;
 * forbidden is true when the server refused a change because of the person's role.
 * onOffline() is called whenever the connection drops (the session may have ended).
 * Returns {stop()}: leaves live mode without calling onLeave (the page is going elsewhere).
 */
export function mountLiveMode(article, documentId, { canEdit, note, onLeave, onOffline = () => {} }) {
  const bar = renderLiveBar({ canEdit, note });
  article.querySelector('.title-block').after(bar.element);
  const body = article.querySelector('.document__body');
  let session = null;
  let messageTimer = null;

  const say = (text) => {
    clearTimeout(messageTimer);
    bar.message.textContent = text;
    messageTimer = setTimeout(() => { bar.message.textContent = ''; }, 10_000);
  };

  function enter() {
    const client = new LiveClient(documentId);
    const view = new LiveView(client, { onMessage: say });
    client.on('status', ({ status }) => {
      bar.status.textContent = STATUS_TEXT[status] ?? status;
      bar.element.dataset.status = status;
      if (status === 'offline') onOffline();
    });
    client.on('error', ({ code }) => {
      if (code === 'forbidden') {
        // The role changed while editing: nothing more will be accepted.
        stop();
        onLeave({ forbidden: true });
        return;
      }
      if (REFUSALS[code]) say(REFUSALS[code]);
    });
    session = { client, view };
    body.replaceChildren(view.element);
    article.classList.add('document--live');
    bar.toggle.setAttribute('aria-pressed', 'true');
    client.connect();
  }

  function stop() {
    clearTimeout(messageTimer);
    if (!session) return;
    session.view.destroy();
    session.client.close();
    session = null;
  }

  if (!bar.toggle) return { stop };
  bar.toggle.addEventListener('click', () => {
    if (!session) {
      enter();
      return;
    }
    const pending = session.client.pendingCount;
    if (pending > 0 && !globalThis.confirm(`${pending} change(s) have not reached the server yet and will be lost. Leave live editing?`)) return;
    stop();
    onLeave({ forbidden: false });
  });
  return { stop };
}
