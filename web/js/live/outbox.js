// The outbox: local changes waiting to be sent, and the one submission in flight.
//
// One submission is in flight for the whole client (c._inflight: {seq, kind: 'text' | 'change',
// clauseId, change | original, exact}). Local changes wait in c._queue: a text entry per clause
// ({type: 'text', clauseId}, its edits composed into the clause's buffer) and structural changes
// in order ({type: 'change', change, anchorRetries}). A submission keeps its seq until it is
// resolved and is only ever resent with that seq, so the server applies it at most once.
// Functions of the LiveClient `c` (live-client.js), whose state they update.

import { applyStructural } from './structure.js';
import { confirmedKinds } from './view.js';

/** Sends the next queued change if nothing is in flight. */
export function pump(c) {
  if (!c._joined || c._inflight || c._connection.closed) return;
  if (c._hold) {
    if (c._order.includes(c._hold.clauseId)) return;
    c._clearTimeout(c._hold.timer);
    c._hold = null;
  }
  while (c._queue.length > 0) {
    const entry = c._queue.shift();
    if (entry.type === 'text') {
      const rec = c._records.get(entry.clauseId);
      if (!rec || rec.buffer === null) continue;
      const { op, more } = rec.takeBuffer(c._maxOpBytes);
      if (more) c._queue.unshift({ type: 'text', clauseId: rec.id });
      if (op.length === 0) continue; // emptied by concurrent deletions
      c._inflight = { seq: ++c._seq, kind: 'text', clauseId: rec.id,
        original: { type: 'text', clauseId: rec.id, version: rec.version, op }, exact: true };
    } else {
      c._inflight = { seq: ++c._seq, kind: 'change', clauseId: entry.change.clauseId, change: entry.change,
        anchorRetries: entry.anchorRetries ?? 0 };
    }
    c.stats.submitted++;
    sendInflight(c);
    return;
  }
}

/**
 * The change to (re)send for the in-flight submission: a text op as it now stands, or, after a
 * whole-document catch-up (exact false), exactly as first submitted.
 */
export function currentChange(c) {
  const inflight = c._inflight;
  if (!inflight) return null;
  if (inflight.kind !== 'text') return inflight.change;
  const rec = c._records.get(inflight.clauseId);
  if (!inflight.exact || !rec || rec.inflight === null) return inflight.original;
  return { type: 'text', clauseId: rec.id, version: rec.version, op: rec.inflight };
}

export function sendInflight(c) {
  cancelRetry(c);
  if (!c._inflight || !c._joined) return;
  c._connection.send({ type: 'submit', seq: c._inflight.seq, change: currentChange(c) });
}

/** Resends the in-flight submission (same seq) after the retry delay. */
export function retryLater(c) {
  if (c._retryTimer !== null) return;
  const seq = c._inflight?.seq;
  c._retryTimer = c._setTimeout(() => {
    c._retryTimer = null;
    if (c._inflight && c._inflight.seq === seq) {
      c.stats.resubmitted++;
      sendInflight(c);
    }
  }, c._retryMs);
}

export function cancelRetry(c) {
  if (c._retryTimer !== null) {
    c._clearTimeout(c._retryTimer);
    c._retryTimer = null;
  }
}

/**
 * Our in-flight insert named a clause someone deleted: put it back at the front of the queue
 * (a new submission: the refused one was not applied), placed after the deleted clause's
 * predecessor. If the deletion has not reached us yet, the queue waits for it (at most 5 s);
 * reanchor then fixes the entry. Gives up after a few refusals.
 */
export function requeueInsert(c, inflight) {
  const retries = (inflight.anchorRetries ?? 0) + 1;
  if (retries > 5) return;
  const change = inflight.change;
  if (change.after != null && c._order.includes(change.after)) {
    c._queue.unshift({ type: 'change', change, anchorRetries: retries });
    if (c._hold) c._clearTimeout(c._hold.timer);
    const hold = { clauseId: change.after, timer: null };
    hold.timer = c._setTimeout(() => {
      if (c._hold === hold) {
        c._hold = null;
        pump(c);
      }
    }, 5000);
    c._hold = hold;
    return;
  }
  const after = resolveAnchor(c, change.after);
  if (after === undefined) return; // cannot tell where it was: dropped
  c._queue.unshift({ type: 'change', change: { ...change, after }, anchorRetries: retries });
}

export function cancelHold(c) {
  if (c._hold) c._clearTimeout(c._hold.timer);
  c._hold = null;
}

/** An existing clause to stand in for a deleted anchor: its predecessor, transitively (null: top). */
export function resolveAnchor(c, after) {
  const seen = new Set();
  while (after != null && !c._order.includes(after)) {
    if (!c._deletedBefore.has(after) || seen.has(after)) return undefined;
    seen.add(after);
    after = c._deletedBefore.get(after);
  }
  return after;
}

/** A clause is being deleted: queued changes placed after it are placed after its predecessor. */
export function reanchor(c, deletedId) {
  const state = { order: c._order.slice(), kinds: confirmedKinds(c) };
  const inflight = c._inflight;
  if (inflight?.kind === 'change' && !(inflight.change.type === 'delete' && inflight.clauseId === deletedId)) {
    applyStructural(state, inflight.change, c._deleted);
  }
  for (const entry of c._queue) {
    if (entry.type !== 'change') continue;
    const change = entry.change;
    if ((change.type === 'insert' || change.type === 'move') && change.after === deletedId && change.clauseId !== deletedId) {
      let i = state.order.indexOf(deletedId) - 1;
      if (i >= 0 && state.order[i] === change.clauseId) i--;
      if (state.order.includes(deletedId)) entry.change = { ...change, after: i >= 0 ? state.order[i] : null };
    }
    applyStructural(state, entry.change, c._deleted);
  }
}

/** Forgets records of clauses that neither exist nor are being inserted. */
export function gc(c) {
  const inserting = new Set();
  if (c._inflight?.kind === 'change' && c._inflight.change.type === 'insert') inserting.add(c._inflight.clauseId);
  for (const e of c._queue) if (e.type === 'change' && e.change.type === 'insert') inserting.add(e.change.clauseId);
  for (const rec of [...c._records.values()]) {
    if (!rec.inConfirmed && !inserting.has(rec.id)) {
      c._records.delete(rec.id);
      c._queue = c._queue.filter((e) => !(e.type === 'text' && e.clauseId === rec.id));
    }
  }
}
