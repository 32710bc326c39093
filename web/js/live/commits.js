// Taking in what the server confirmed: one commit at a time in revision order, or a whole
// document (a catch-up by `document`), keeping the local changes not yet confirmed on top.
// Functions of the LiveClient `c` (live-client.js), whose state they update.

import { ClauseSync } from './clause-sync.js';
import { resolveAnchor, reanchor, gc } from './outbox.js';
import { recordOwn } from './own-edits.js';

/** Applies one commit in revision order; false when the client lost track (it resyncs). */
export function applyCommit(c, commit) {
  if (commit.revision <= c.revision) return true; // already had it (a catch-up can repeat commits)
  if (commit.revision !== c.revision + 1) {
    // A gap: ask for the missing commits again.
    c.stats.inconsistencies++;
    c._emit('error', { code: 'client-inconsistent', message: `expected revision ${c.revision + 1}, got ${commit.revision}`, seq: null, change: null });
    c._connection.reconnect(false);
    return false;
  }
  const inflight = c._inflight;
  const own = inflight !== null && commit.clientId === c.clientId && commit.seq === inflight.seq;
  const change = commit.change;
  const rec = c._records.get(change.clauseId);
  let texts = null; // for our own text commit: the confirmed text before and after it
  switch (change.type) {
    case 'text': {
      if (!rec || !rec.inConfirmed || rec.version !== change.version) {
        return inconsistent(c, `text commit ${commit.revision} on clause ${change.clauseId} at version ${change.version}`);
      }
      if (own) {
        texts = { before: rec.confirmed, after: null };
        const local = rec.ack(change.op);
        texts.after = rec.confirmed;
        if (local !== null) {
          if (inflight.exact) c.stats.mismatches++; // a bug: OT should have predicted it exactly
          c._presence.move(rec.id, local);
          c._emit('clause', { clauseId: rec.id, op: local, text: rec.text, source: 'rebase' });
        }
      } else {
        const local = c._remoteText(rec, change.op);
        if (local.length > 0) c._emit('clause', { clauseId: rec.id, op: local, text: rec.text, source: 'remote' });
      }
      rec.version = change.version + 1;
      break;
    }
    case 'insert': {
      if (c._order.includes(change.clauseId) || (change.after != null && !c._order.includes(change.after))) {
        return inconsistent(c, `insert commit ${commit.revision} of ${change.clauseId}`);
      }
      let r = rec;
      if (r && !own) {
        // Someone else chose the id of a clause we are inserting (60 random bits): ours will be
        // refused as a duplicate; forget its local state.
        c._queue = c._queue.filter((e) => (e.type === 'text' ? e.clauseId : e.change.clauseId) !== r.id);
        r = null;
      }
      if (!r) {
        r = new ClauseSync(change.clauseId, change.kind, change.text ?? '', 0, 'bracketed');
        c._records.set(r.id, r);
      }
      r.inConfirmed = true;
      r.kind = change.kind;
      r.version = 0;
      c._order.splice(change.after == null ? 0 : c._order.indexOf(change.after) + 1, 0, r.id);
      break;
    }
    case 'delete': {
      const index = c._order.indexOf(change.clauseId);
      if (index < 0) return inconsistent(c, `delete commit ${commit.revision} of ${change.clauseId}`);
      reanchor(c, change.clauseId);
      c._deletedBefore.set(change.clauseId, index > 0 ? c._order[index - 1] : null);
      c._deleted.add(change.clauseId);
      c._order.splice(index, 1);
      c._records.delete(change.clauseId);
      c._queue = c._queue.filter((e) => !(e.type === 'text' && e.clauseId === change.clauseId));
      break;
    }
    case 'move': {
      const index = c._order.indexOf(change.clauseId);
      if (index < 0 || change.after === change.clauseId
        || (change.after != null && !c._order.includes(change.after))) {
        return inconsistent(c, `move commit ${commit.revision} of ${change.clauseId}`);
      }
      c._order.splice(index, 1);
      c._order.splice(change.after == null ? 0 : c._order.indexOf(change.after) + 1, 0, change.clauseId);
      break;
    }
    case 'set-kind': {
      if (!rec || !rec.inConfirmed) return inconsistent(c, `set-kind commit ${commit.revision} of ${change.clauseId}`);
      rec.kind = change.kind;
      break;
    }
    case 'set-status': {
      // A decision of the negotiation (a rapporteur or the chair, or a silence procedure).
      if (!rec || !rec.inConfirmed) return inconsistent(c, `set-status commit ${commit.revision} of ${change.clauseId}`);
      rec.status = change.status;
      break;
    }
    case 'set-statuses': {
      // A silence procedure's conclusion: every paragraph on which it held, in one revision.
      const ids = Array.isArray(change.clauseIds) ? change.clauseIds : [];
      const recs = ids.map((id) => c._records.get(id));
      if (ids.length === 0 || recs.some((r) => !r || !r.inConfirmed)) {
        return inconsistent(c, `set-statuses commit ${commit.revision}`);
      }
      for (const r of recs) r.status = change.status;
      break;
    }
    case 'set-document-status': {
      if (c.info) c.info = { ...c.info, status: change.status };
      break;
    }
    default:
      return inconsistent(c, `commit ${commit.revision} has an unknown change type`);
  }
  c.revision = commit.revision;
  c.hash = commit.hash ?? null;
  if (own) {
    recordOwn(c, { seq: commit.seq, revision: commit.revision, change: structuredClone(change),
      before: texts?.before ?? null, after: texts?.after ?? null });
    c._inflight = null;
    c._settled();
    gc(c);
  }
  return true;
}

/** The client lost track of the document: reports it and reloads it (since = -1); returns false. */
export function inconsistent(c, what) {
  c.stats.inconsistencies++;
  c._emit('error', { code: 'client-inconsistent', message: `lost track of the document: ${what}; reloading`, seq: null, change: null });
  c._connection.reconnect(true);
  return false;
}

/**
 * Loads a whole document, keeping local changes not yet confirmed on top of it. hash: the
 * history hash at revision (from `joined`), or null.
 */
export function loadDocument(c, doc, revision, hash = null) {
  c.stats.documentLoads++;
  const order = [];
  for (const clause of doc.clauses ?? []) {
    let rec = c._records.get(clause.id);
    if (!rec) {
      rec = new ClauseSync(clause.id, clause.kind, clause.text, clause.version, clause.status);
      c._records.set(clause.id, rec);
    } else {
      const local = rec.load(clause.text, clause.version);
      if (local !== null) {
        c._presence.move(rec.id, local);
        c._emit('clause', { clauseId: rec.id, op: local, text: rec.text, source: 'rebase' });
      }
    }
    rec.kind = clause.kind;
    rec.version = clause.version;
    rec.status = clause.status ?? rec.status;
    rec.inConfirmed = true;
    order.push(clause.id);
    // A clause we saw deleted can be back, after a divergence (the deletion was lost).
    c._deleted.delete(clause.id);
    c._deletedBefore.delete(clause.id);
  }
  const present = new Set(order);
  c._order.forEach((id, i) => {
    if (!present.has(id)) c._deletedBefore.set(id, i > 0 ? c._order[i - 1] : null);
  });
  for (const rec of [...c._records.values()]) {
    if (present.has(rec.id)) continue;
    if (rec.inConfirmed) {
      // Deleted while we were away.
      c._deleted.add(rec.id);
      c._records.delete(rec.id);
      c._queue = c._queue.filter((e) => !(e.type === 'text' && e.clauseId === rec.id));
    }
  }
  c._order = order;
  // Queued changes placed after a clause deleted meanwhile go after its predecessor instead.
  for (const entry of c._queue) {
    const change = entry.type === 'change' ? entry.change : null;
    if (change && (change.type === 'insert' || change.type === 'move') && change.after != null && !present.has(change.after)) {
      const after = resolveAnchor(c, change.after);
      if (after !== undefined && after !== change.clauseId) entry.change = { ...change, after };
    }
  }
  c.revision = typeof revision === 'number' ? revision : doc.revision;
  c.hash = hash;
  c.info = { id: doc.id, title: doc.title, status: doc.status, meta: doc.meta };
  if (c._inflight?.kind === 'text') c._inflight.exact = false;
  gc(c);
  c._viewKey = null; // always announce a load
}
