// This client's own acknowledged submissions, and those a server's history no longer holds
// (/docs/live-protocol.md, "Divergence"). Functions of the LiveClient `c` (live-client.js).
//
// Every submission acknowledged by its commit (or by a duplicate ack) is recorded, the last
// OWN_RECORD_LIMIT of them: seq, revision, the change as committed, and for a text change the
// clause's confirmed text just before and just after it. A `joined` reply with a whole document
// says in `lastSeq` how far this client's submissions got in that history; recorded ones beyond it
// were lost (the store was restored from an older copy, say). They are kept in c._lost until the
// person makes them again (remakeLost) or lets them go (dismissLost).
//
// Making them again means new local edits, rebased on the text as it now is, never a resend of
// the originals (they were written on text the server no longer has): a text change's committed
// op is transformed against the difference between its "before" text and the clause's current
// local text, then applied with editText; structural changes are issued again where their clauses
// (and anchors) still make sense. The rest is skipped, each with the reason.

import * as ot from '../text-op.js';
import { LiveClientError } from './errors.js';
import { resolveAnchor } from './outbox.js';
import { textDiff } from './text-diff.js';

/** How many acknowledged submissions are remembered. */
export const OWN_RECORD_LIMIT = 500;

// Statuses under which the server refuses a change to the paragraph (paragraph-agreed). The same
// set as format.js's isSettledStatus, kept here because the live modules run without the page's i18n.
const SETTLED = new Set(['agreed', 'agreed-ad-ref']);

/** Records an acknowledged submission {seq, revision, change, before, after} (texts null unless a text change). */
export function recordOwn(c, entry) {
  c._own.push(entry);
  if (c._own.length > OWN_RECORD_LIMIT) c._own.splice(0, c._own.length - OWN_RECORD_LIMIT);
}

/**
 * A whole document was loaded from a history that holds this client's submissions up to lastSeq:
 * the recorded ones beyond it are lost. Moves them to c._lost and returns them (oldest first).
 */
export function takeLost(c, lastSeq) {
  const lost = c._own.filter((e) => e.seq > lastSeq);
  if (lost.length === 0) return [];
  c._own = c._own.filter((e) => e.seq <= lastSeq);
  c._lost = [...c._lost, ...lost].sort((a, b) => a.seq - b.seq);
  return lost;
}

/** A copy of a record for listeners, who must not change the client's own. */
export const copyOf = (entry) => ({ ...entry, change: { ...entry.change } });

/**
 * Makes the lost submissions again as new local edits on the current text, oldest first.
 * Returns {remade, skipped}: the records made again, and those that no longer apply, each with
 * a `reason` (an error code: 'clause-gone', 'anchor-gone', 'paragraph-agreed', 'document-frozen',
 * 'invalid-change', 'unknown-base').
 */
export function remakeLost(c) {
  const lost = c._lost;
  c._lost = [];
  const remade = [];
  const skipped = [];
  const ids = new Map(); // id of a lost inserted clause → the id of the one made again
  const frozen = c.info?.status === 'adopted';
  for (const entry of lost) {
    const reason = frozen ? 'document-frozen' : remakeOne(c, entry, ids);
    if (reason) skipped.push({ ...copyOf(entry), reason });
    else remade.push(copyOf(entry));
  }
  return { remade, skipped };
}

/** Forgets the lost submissions; returns how many there were. */
export function dismissLost(c) {
  const n = c._lost.length;
  c._lost = [];
  return n;
}

/** Makes one lost submission again; returns null, or why it could not be made. */
function remakeOne(c, entry, ids) {
  const change = entry.change;
  const id = ids.get(change.clauseId) ?? change.clauseId;
  const visible = (clauseId) => c._view.kinds.has(clauseId);
  const settled = (clauseId) => SETTLED.has(c._records.get(clauseId)?.status);
  // Where "after" now points: the clause made again for a lost insert, the clause itself, or
  // (when it is gone) its predecessor then; undefined when nothing stands in for it.
  const anchor = (after) => {
    if (after == null) return null;
    const mapped = ids.get(after) ?? after;
    if (visible(mapped)) return mapped;
    const stand = resolveAnchor(c, mapped);
    return stand === null || (stand !== undefined && visible(stand)) ? stand : undefined;
  };
  try {
    switch (change.type) {
      case 'insert': {
        const after = anchor(change.after);
        if (after === undefined) return 'anchor-gone';
        ids.set(change.clauseId, c.insertClause(after, change.kind, change.text ?? ''));
        return null;
      }
      case 'text': {
        if (!visible(id)) return 'clause-gone';
        if (settled(id)) return 'paragraph-agreed';
        if (entry.before == null) return 'unknown-base';
        // The op was made on `before`; the clause now holds `now`: carry the op across the difference.
        const op = ot.transform(change.op, textDiff(entry.before, c.text(id)), 'right');
        c.editText(id, op);
        return null;
      }
      case 'delete':
        if (!visible(id)) return 'clause-gone';
        if (settled(id)) return 'paragraph-agreed';
        c.deleteClause(id);
        return null;
      case 'move': {
        if (!visible(id)) return 'clause-gone';
        if (settled(id)) return 'paragraph-agreed';
        const after = anchor(change.after);
        if (after === undefined || after === id) return 'anchor-gone';
        c.moveClause(id, after);
        return null;
      }
      case 'set-kind':
        if (!visible(id)) return 'clause-gone';
        if (settled(id)) return 'paragraph-agreed';
        c.setKind(id, change.kind);
        return null;
      default:
        return 'invalid-change';
    }
  } catch (error) {
    if (error instanceof LiveClientError) return error.code === 'unknown-clause' ? 'clause-gone' : error.code;
    if (error instanceof ot.InvalidOperationError) return 'invalid-change';
    throw error;
  }
}
