// What the user sees of the document's structure: the confirmed clause order and kinds with the
// submitted and queued structural changes replayed on them (skipping those the server is bound
// to refuse), and the check of a new local change against that view.
// Functions of the LiveClient `c` (live-client.js).

import { LiveClientError } from './errors.js';
import { CLAUSE_KINDS, applyStructural } from './structure.js';

/** The confirmed kinds: clause id → kind, for the confirmed order. */
export function confirmedKinds(c) {
  return new Map(c._order.map((id) => [id, c._records.get(id).kind]));
}

/** Recomputes c._view; true when the clause list (ids, kinds and statuses, in order) changed. */
export function refreshView(c) {
  const state = { order: c._order.slice(), kinds: confirmedKinds(c) };
  if (c._inflight?.kind === 'change') applyStructural(state, c._inflight.change, c._deleted);
  for (const e of c._queue) if (e.type === 'change') applyStructural(state, e.change, c._deleted);
  c._view = state;
  // Statuses are part of it: a paragraph agreed or reopened changes what the views offer.
  const key = state.order.map((id) => `${id}:${state.kinds.get(id)}:${c._records.get(id).status}`).join(',');
  if (key === c._viewKey) return false;
  c._viewKey = key;
  return true;
}

/** Throws LiveClientError unless the server's rules allow change on the current view. */
export function checkAllowed(c, change) {
  const state = { order: c._view.order.slice(), kinds: new Map(c._view.kinds) };
  if (!applyStructural(state, change, c._deleted)) {
    throw new LiveClientError('invalid-change',
      'a sub-paragraph must follow an operative paragraph or another sub-paragraph');
  }
}

/** Throws LiveClientError for a kind the server does not know. */
export function checkKind(kind) {
  if (!CLAUSE_KINDS.includes(kind)) throw new LiveClientError('invalid-change', `unknown clause kind '${kind}'`);
}

/** The ClauseSync of a clause the user sees; throws LiveClientError if there is none. */
export function visibleClause(c, clauseId) {
  if (!c._view.kinds.has(clauseId)) throw new LiveClientError('unknown-clause', `no clause ${clauseId} in this document`);
  return c._records.get(clauseId);
}
