// What the client does with each message from the server (joined, ops, ack, presence, error,
// resync). Functions of the LiveClient `c` (live-client.js), whose state they update.
//
// A submission is resolved by (a) its own commit in an `ops` frame or a `joined` catch-up, (b)
// an `ack` with `duplicate` whose revision the client already has (the change is inside a loaded
// document) or (c) an `error` naming its seq, which proves it was not applied. After a `joined`
// with ops the pending op has been transformed against everything the client missed, so it is
// resent as it now stands. After a `joined` with a whole document the client cannot tell whether
// the pending op is inside it, so it resends the op exactly as first submitted (the server
// transforms it against its history or answers `duplicate`), and meanwhile rebases its local view
// onto the loaded text through a minimal diff.
//
// Refused text ops are taken back by applying their exact inverse, so the clause shows the
// server's text plus the edits still to be sent; codes that mean "the client's state is off" also
// trigger a resync (since = -1).
//
// Divergence. A `joined` with a whole document also says (`lastSeq`) how far this client's
// submissions got in the server's history. Acknowledged ones beyond it were lost with commits the
// server once had (`diverged`: its store was restored from an older copy): the loaded document
// replaces everything confirmed, and the lost submissions are reported ('diverged') for the person
// to make again (own-edits.js). The in-flight submission (never acknowledged) is then resent
// rebased on the loaded text, with its seq: the server's duplicate check still answers for one this
// history holds, and the op as first sent was written on text this history may not have.

import { applyCommit, inconsistent, loadDocument } from './commits.js';
import { cancelHold, gc, pump, requeueInsert, retryLater, sendInflight, currentChange } from './outbox.js';
import { copyOf, recordOwn, takeLost } from './own-edits.js';

// Errors after which the in-flight submission stays pending and is resent with the same seq.
const RETRY_AFTER_RECONNECT = new Set(['unavailable', 'not-joined']);
// Refusals of a text op that mean the client's idea of the clause is wrong.
const STATE_IS_OFF = new Set(['bad-version', 'op-out-of-range', 'invalid-change']);

/** One text frame from the server. */
export function onServerMessage(c, data) {
  let message;
  try {
    message = JSON.parse(String(data));
  } catch {
    c._emit('error', { code: 'malformed-json', message: 'the server sent a frame that is not JSON', seq: null });
    return;
  }
  switch (message?.type) {
    case 'joined': onJoined(c, message); break;
    case 'ops':
      // Broadcasts can overtake the joined reply: hold them until it has been applied.
      if (c._joined) onOps(c, message.ops);
      else c._early.push(message.ops);
      break;
    case 'ack': onAck(c, message); break;
    case 'presence': c._changePeople(message.changes); break;
    case 'error': onError(c, message); break;
    case 'resync': c._connection.reconnect(true); break;
    // The negotiation's news (web/docs/negotiation-api.md, "Live frames"): for the page to follow.
    case 'negotiation': c._emit('negotiation', {
      events: message.events ?? [], frame: message.frame,
      own: message.own === true, changes: message.changes ?? null,
    }); break;
    default: break; // pong and anything newer
  }
}

function onJoined(c, message) {
  c._joined = true;
  c._connection.joined();
  c.connectionId = message.connectionId ?? null;
  // Where the negotiation stood at the join: a page whose state is at that frame missed nothing.
  c.negotiationAt = Number.isInteger(message.negotiationFrame) && Number.isInteger(message.negotiationSeq)
    ? { frame: message.negotiationFrame, seq: message.negotiationSeq } : null;
  cancelHold(c);
  // Our acknowledged submissions beyond lastSeq are not in the history of a loaded document.
  const lost = message.document && Number.isInteger(message.lastSeq) ? takeLost(c, message.lastSeq) : [];
  const diverged = message.diverged === true || lost.length > 0;
  const caughtUp = catchUp(c, message);
  if (diverged && c._inflight?.kind === 'text') c._inflight.exact = true;
  if (!caughtUp) {
    c._changed();
    if (diverged) reportDivergence(c);
    return;
  }
  c._connection.resyncPending = false;
  c._setStatus('online');
  c._setPeople(message.presence ?? []);
  c._changed();
  if (diverged) reportDivergence(c);
  if (c._inflight) {
    // Not resolved by the catch-up: resubmit with the same seq (applied at most once).
    c.stats.resubmitted++;
    sendInflight(c);
  }
  c._presence.rejoined();
  pump(c);
}

/** Tells the page which of this client's confirmed submissions the server no longer has. */
function reportDivergence(c) {
  c.stats.divergences++;
  c._emit('diverged', { lost: c._lost.map(copyOf) });
}

/** Applies a joined reply and the frames that came before it; false if the client lost track. */
function catchUp(c, message) {
  if (message.document) {
    loadDocument(c, message.document, message.revision, message.hash ?? null);
  } else {
    for (const commit of message.ops ?? []) if (!applyCommit(c, commit)) return false;
    if (typeof message.revision === 'number' && message.revision > c.revision) {
      return inconsistent(c, `joined at revision ${message.revision} but the catch-up ends at ${c.revision}`);
    }
    if (message.revision === c.revision && message.hash) c.hash = message.hash;
  }
  // Commits the reply already contained are skipped.
  const early = c._early;
  c._early = [];
  for (const ops of early) {
    for (const commit of ops ?? []) if (!applyCommit(c, commit)) return false;
  }
  return true;
}

function onOps(c, commits) {
  for (const commit of commits ?? []) {
    if (!applyCommit(c, commit)) break;
  }
  c._changed();
  pump(c);
}

function onAck(c, message) {
  const inflight = c._inflight;
  if (!inflight || message.seq !== inflight.seq) return;
  // A duplicate with a revision we do not have yet: its commit is on its way in an ops frame.
  if (typeof message.revision === 'number' && message.revision > c.revision) return;
  // Already applied, and inside what we have (a loaded document): our copy must go. Recorded as
  // acknowledged; what its commit did is unknown here, so it carries no texts.
  c._inflight = null;
  recordOwn(c, { seq: inflight.seq, revision: message.revision ?? -1, change: structuredClone(originalChange(inflight)),
    before: null, after: null });
  c._settled();
  if (inflight.kind === 'text') c._dropInflightText(c._records.get(inflight.clauseId), 'rebase');
  gc(c);
  c._changed();
  pump(c);
}

function onError(c, message) {
  const inflight = c._inflight;
  const mine = inflight && message.seq != null && message.seq === inflight.seq;
  c._emit('error', { code: message.code, message: message.message, seq: message.seq ?? null,
    change: mine ? currentChange(c) : null });
  if (message.seq == null) {
    // Limits are reported without the seq; resending with the same seq is harmless.
    if (inflight && (message.code === 'rate-limited' || message.code === 'message-too-large')) retryLater(c);
    return;
  }
  if (!mine) return;
  const code = message.code;
  if (code === 'rate-limited') {
    retryLater(c);
    return;
  }
  if (RETRY_AFTER_RECONNECT.has(code)) {
    c._connection.reconnect(false);
    return;
  }
  if (code === 'not-saved') {
    c._connection.reconnect(true);
    return;
  }
  if (code === 'version-too-old' && inflight.kind === 'text') {
    if (inflight.exact) {
      c._connection.reconnect(false);
    } else {
      // The original is too old for the server's history, and was not applied (else it would
      // be a duplicate): what stands locally, rebased onto the loaded text, takes its place.
      inflight.exact = true;
      sendInflight(c);
    }
    return;
  }
  c._inflight = null;
  c._settled();
  c.stats.dropped++;
  if (inflight.kind === 'text') {
    c._dropInflightText(c._records.get(inflight.clauseId), 'revert');
    if (STATE_IS_OFF.has(code) && inflight.exact) {
      c._connection.reconnect(true);
      return;
    }
  } else if (code === 'clause-deleted' && inflight.change.type === 'insert') {
    requeueInsert(c, inflight);
  }
  gc(c);
  c._changed();
  pump(c);
}

/** The change an in-flight submission was first sent as. */
function originalChange(inflight) {
  return inflight.kind === 'text' ? inflight.original : inflight.change;
}
