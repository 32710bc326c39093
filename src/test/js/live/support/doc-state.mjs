// The server's document rules in JavaScript, written independently of the client:
// plenary.editing.DocumentState (transform against the clause history with 'right',
// exactly-once by clientId + seq, the sub-paragraph rule, agreed paragraphs refused, the hash
// chain over commits) and plenary.document.Numbering.

import { createHash } from 'node:crypto';
import * as ot from '../../../../../web/js/text-op.js';

// Statuses under which text, place and kind of a paragraph are refused (paragraph-agreed).
const SETTLED = new Set(['agreed', 'agreed-ad-ref']);

/** A commit's hash, chained over the previous one (the real one is plenary.editing.CommitHash). */
export function chainHash(previous, commit) {
  return createHash('sha256').update(JSON.stringify([previous, commit.revision, commit.change, commit.clientId,
    commit.seq, commit.author])).digest('hex');
}

export const KINDS = ['heading', 'preambular', 'operative', 'sub-paragraph', 'free-text', 'footnote'];
const CLAUSE_ID = /^[A-Za-z0-9_-]{1,64}$/;

export class Rejected extends Error {
  constructor(code, message) {
    super(message);
    this.code = code;
  }
}

export function serverNumbers(clauses) {
  // Written independently of the client's clauseNumbers, after plenary.document.Numbering.
  const out = [];
  let pp = 0;
  let op = 0;
  let sub = 0;
  for (const c of clauses) {
    if (c.kind === 'preambular') out.push('PP' + ++pp);
    else if (c.kind === 'operative') {
      sub = 0;
      out.push(String(++op));
    } else if (c.kind === 'sub-paragraph') {
      sub++;
      const letter = 'abcdefghijklmnopqrstuvwxyz'[(sub - 1) % 26];
      out.push('(' + letter.repeat(Math.floor((sub - 1) / 26) + 1) + ')');
    } else out.push(null);
  }
  return out;
}

function checkDocumentRules(clauses) {
  const seen = new Set();
  let previous = null;
  for (const c of clauses) {
    if (seen.has(c.id)) throw new Rejected('invalid-change', `clause id ${c.id} appears twice`);
    seen.add(c.id);
    if (c.kind === 'sub-paragraph' && previous !== 'operative' && previous !== 'sub-paragraph') {
      throw new Rejected('invalid-change', `sub-paragraph ${c.id} must follow an operative paragraph or another sub-paragraph`);
    }
    previous = c.kind;
  }
}

/** plenary.editing.DocumentState, in JavaScript. */
export class DocState {
  constructor(doc, settings, ids) {
    this.doc = structuredClone(doc);
    this.settings = settings;
    this.ids = ids;
    this.histories = new Map(); // clause id → {version, ops}
    this.lastByClient = new Map(); // clientId → {seq, revision}
    this.deleted = new Set();
    this.hashes = new Map([[this.doc.revision, createHash('sha256').update(`start:${this.doc.id}`).digest('hex')]]);
  }

  /** The history hash at the current revision. */
  get hash() {
    return this.hashes.get(this.doc.revision);
  }

  copy() {
    const s = new DocState(this.doc, this.settings, this.ids);
    s.lastByClient = new Map(this.lastByClient);
    s.deleted = new Set(this.deleted);
    s.hashes = new Map(this.hashes);
    return s; // histories start empty, as after a reload
  }

  clause(id) {
    return this.doc.clauses.find((c) => c.id === id);
  }

  existing(id) {
    if (id == null) throw new Rejected('unknown-clause', 'no clause id given');
    const c = this.clause(id);
    if (!c) {
      throw this.deleted.has(id) ? new Rejected('clause-deleted', `clause ${id} was deleted`)
        : new Rejected('unknown-clause', `no clause ${id} in this document`);
    }
    return c;
  }

  /** An existing clause whose text, place and kind may change (not agreed). */
  unsettled(id) {
    const c = this.existing(id);
    if (SETTLED.has(c.status)) throw new Rejected('paragraph-agreed', `paragraph ${id} is ${c.status}`);
    return c;
  }

  /** A decision of the negotiation (set-status, set-statuses, set-document-status), committed without a client. */
  decide(change) {
    if (change.type === 'set-status') this.existing(change.clauseId);
    if (change.type === 'set-statuses') change.clauseIds.forEach((id) => this.existing(id));
    const commit = { revision: this.doc.revision + 1, clientId: null, seq: 0, author: 'Chair', at: '2026-11-27T12:00:00Z',
      change };
    commit.hash = chainHash(this.hash, commit);
    this.apply(commit);
    return commit;
  }

  history(c) {
    if (!this.histories.has(c.id)) this.histories.set(c.id, { version: c.version, ops: [] });
    return this.histories.get(c.id);
  }

  submit(sub) {
    const last = this.lastByClient.get(sub.clientId);
    if (last && sub.seq <= last.seq) return { duplicate: { seq: sub.seq, revision: sub.seq === last.seq ? last.revision : -1 } };
    let change;
    try {
      change = this.rebase(sub.change);
    } catch (e) {
      if (e instanceof Rejected) return { rejected: e };
      throw e;
    }
    const commit = { revision: this.doc.revision + 1, clientId: sub.clientId, seq: sub.seq, author: sub.author,
      at: '2026-11-27T12:00:00Z', change };
    commit.hash = chainHash(this.hash, commit);
    try {
      this.apply(commit);
    } catch (e) {
      if (e instanceof Rejected) return { rejected: e };
      if (e instanceof ot.InvalidOperationError) return { rejected: new Rejected('invalid-change', e.message) };
      throw e;
    }
    return { applied: commit };
  }

  rebase(change) {
    if (change === null || typeof change !== 'object') throw new Rejected('invalid-change', 'missing change');
    const str = (v, required, field) => {
      if (v == null) {
        if (required) throw new Rejected('invalid-change', `missing field '${field}'`);
        return null;
      }
      if (typeof v !== 'string') throw new Rejected('invalid-change', `field '${field}' must be a string`);
      return v;
    };
    const kind = () => {
      const k = str(change.kind, true, 'kind');
      if (!KINDS.includes(k)) throw new Rejected('invalid-change', `unknown clause kind '${k}'`);
      return k;
    };
    switch (change.type) {
      case 'text': {
        const id = str(change.clauseId, true, 'clauseId');
        if (!Number.isInteger(change.version)) throw new Rejected('invalid-change', "field 'version' must be an integer");
        let op;
        try {
          op = ot.normalize(change.op);
        } catch (e) {
          throw new Rejected('invalid-change', e.message);
        }
        const c = this.unsettled(id);
        if (change.version > c.version || change.version < 0) throw new Rejected('bad-version', 'bad version');
        const h = this.history(c);
        if (change.version < h.version - h.ops.length) throw new Rejected('version-too-old', 'too old');
        try {
          for (const concurrent of h.ops.slice(change.version - (h.version - h.ops.length))) {
            op = ot.transform(op, concurrent, 'right');
          }
        } catch (e) {
          throw new Rejected('op-out-of-range', e.message);
        }
        if (ot.spanLength(op) > c.text.length) throw new Rejected('op-out-of-range', 'out of range');
        if (c.text.length + ot.targetLengthDelta(op) > this.settings.maxClause) throw new Rejected('clause-too-long', 'too long');
        return { type: 'text', clauseId: id, version: c.version, op };
      }
      case 'insert': {
        const id = str(change.clauseId, false, 'clauseId') ?? this.ids();
        const after = str(change.after, false, 'after');
        const k = kind();
        const text = change.text == null ? '' : str(change.text, true, 'text');
        if (!CLAUSE_ID.test(id)) throw new Rejected('invalid-change', 'bad clause id');
        if (this.clause(id) || this.deleted.has(id)) throw new Rejected('duplicate-clause', `clause id ${id} is already used`);
        if (after != null) this.existing(after);
        if (text.length > this.settings.maxClause) throw new Rejected('clause-too-long', 'too long');
        return { type: 'insert', clauseId: id, after, kind: k, text };
      }
      case 'delete':
        this.unsettled(str(change.clauseId, true, 'clauseId'));
        return { type: 'delete', clauseId: change.clauseId };
      case 'move': {
        const id = str(change.clauseId, true, 'clauseId');
        const after = str(change.after, false, 'after');
        this.unsettled(id);
        if (after != null) this.existing(after);
        return { type: 'move', clauseId: id, after };
      }
      case 'set-kind': {
        const id = str(change.clauseId, true, 'clauseId');
        const k = kind();
        this.unsettled(id);
        return { type: 'set-kind', clauseId: id, kind: k };
      }
      default:
        throw new Rejected('invalid-change', `unknown change type '${change.type}'`);
    }
  }

  /** Applies a commit atomically (Document is immutable on the server). */
  apply(commit) {
    const change = commit.change;
    let clauses = this.doc.clauses.map((c) => ({ ...c }));
    const index = (id) => clauses.findIndex((c) => c.id === id);
    const require = (id) => {
      const i = index(id);
      if (i < 0) throw new Rejected('invalid-change', `no clause ${id}`);
      return i;
    };
    let textOp = null;
    switch (change.type) {
      case 'text': {
        const c = clauses[require(change.clauseId)];
        c.text = ot.apply(c.text, change.op);
        c.version++;
        textOp = change.op;
        break;
      }
      case 'insert':
        clauses.splice(change.after == null ? 0 : require(change.after) + 1, 0,
          { id: change.clauseId, kind: change.kind, text: change.text, version: 0, status: 'bracketed' });
        break;
      case 'delete':
        clauses.splice(require(change.clauseId), 1);
        break;
      case 'move': {
        if (change.clauseId === change.after) throw new Rejected('invalid-change', 'a clause cannot be moved after itself');
        const [moving] = clauses.splice(require(change.clauseId), 1);
        clauses.splice(change.after == null ? 0 : require(change.after) + 1, 0, moving);
        break;
      }
      case 'set-kind':
        clauses[require(change.clauseId)].kind = change.kind;
        break;
      case 'set-status':
        clauses[require(change.clauseId)].status = change.status;
        break;
      case 'set-statuses':
        for (const id of change.clauseIds) clauses[require(id)].status = change.status;
        break;
      case 'set-document-status':
        break;
      default:
        throw new Error('unknown change');
    }
    checkDocumentRules(clauses);
    if (textOp) {
      const h = this.history(this.clause(change.clauseId));
      if (h.ops.length === this.settings.historyPerClause) h.ops.shift();
      h.ops.push(textOp);
      h.version++;
    }
    this.doc = { ...this.doc, revision: commit.revision, clauses };
    if (change.type === 'set-document-status') this.doc.status = change.status;
    this.hashes.set(commit.revision, commit.hash);
    if (change.type === 'delete') {
      this.deleted.add(change.clauseId);
      this.histories.delete(change.clauseId);
    }
    if (commit.clientId != null) this.lastByClient.set(commit.clientId, { seq: commit.seq, revision: commit.revision });
  }
}
