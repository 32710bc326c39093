// The per-clause OT state machine of the live client (see /docs/live-protocol.md, "The client
// algorithm").
//
// For every clause the client keeps the text the server has confirmed (at `version`), at most
// one submitted text op (`inflight`) and one buffer of local edits composed together; the local
// text is confirmed + inflight + buffer.
//
// Transform sides. The server transforms a late op against the ops committed since its version
// with the committed ones winning ties: transform(op, committed, 'right'). So that the client
// ends with the same text, it does the mirror image: inflight' = transform(inflight, r, 'right')
// and r' = transform(r, inflight, 'left') (likewise for the buffer). TP1 as stated in
// text-op.js: apply(apply(s, r), transform(o, r, 'right')) === apply(apply(s, o), transform(r, o,
// 'left')).

import * as ot from '../text-op.js';
import { invertOp, splitOp } from './op-utils.js';
import { textDiff } from './text-diff.js';

export class ClauseSync {
  constructor(id, kind, text, version, status) {
    this.id = id;
    this.kind = kind;
    this.status = status;
    this.confirmed = text; // the text at `version`, as the server has it
    this.version = version;
    this.text = text; // confirmed + inflight + buffer: what the user sees
    this.inflight = null;
    this.buffer = null;
    this.inConfirmed = true; // part of the confirmed clause order (false: an insert not yet committed)
  }

  /** Applies a local edit (a normalized op that fits text); true if the buffer was empty before. */
  edit(op) {
    this.text = ot.apply(this.text, op);
    return this.addToBuffer(op);
  }

  /** Composes op (already applied to text) into the buffer; true if the buffer was empty before. */
  addToBuffer(op) {
    if (this.buffer !== null) {
      this.buffer = ot.compose(this.buffer, op);
      return false;
    }
    this.buffer = op;
    return true;
  }

  /**
   * A committed op r (made on the confirmed text) arrives: transforms the pending ops past it and
   * applies what is left of it to the local text. Returns the op applied to the local text.
   */
  remote(r) {
    let local = r;
    if (this.inflight !== null) {
      const inflight = ot.transform(this.inflight, local, 'right');
      local = ot.transform(local, this.inflight, 'left');
      this.inflight = inflight;
    }
    if (this.buffer !== null) {
      const buffer = ot.transform(this.buffer, local, 'right');
      local = ot.transform(local, this.buffer, 'left');
      this.buffer = buffer;
    }
    this.confirmed = ot.apply(this.confirmed, r);
    this.text = ot.apply(this.text, local);
    return local;
  }

  /**
   * Our own commit with op as the server applied it: the in-flight op is confirmed. Returns null
   * when the server did what we predicted; otherwise (only possible after a document load, when
   * our op was rebased locally through a diff) takes the server's result, rebases the buffer onto
   * it and returns the op applied to the local text.
   */
  ack(op) {
    const expected = ot.apply(this.confirmed, this.inflight);
    const actual = ot.apply(this.confirmed, op);
    this.inflight = null;
    this.confirmed = expected;
    return actual === expected ? null : this.remote(textDiff(expected, actual));
  }

  /**
   * Takes the in-flight op back out of the local text (refused, or already inside a loaded
   * document); returns the op applied to the local text, or null if there was none.
   */
  dropInflight() {
    if (this.inflight === null) return null;
    const inverse = invertOp(this.inflight, this.confirmed);
    this.confirmed = ot.apply(this.confirmed, this.inflight);
    this.inflight = null;
    return this.remote(inverse); // confirmed returns to what it was
  }

  /** A whole loaded text replaces the confirmed one; returns the op applied locally, or null. */
  load(text, version) {
    let local = null;
    if (this.inflight !== null || this.buffer !== null) {
      // What happened to the clause meanwhile is unknown op by op: rebase through a diff.
      if (this.confirmed !== text) local = this.remote(textDiff(this.confirmed, text));
    } else {
      this.confirmed = this.text = text;
    }
    this.version = version;
    return local;
  }

  /**
   * Moves the buffer, or its first part that fits maxBytes, in flight. Returns {op, more}: the op
   * now in flight (empty: nothing to send) and whether part of the buffer is left.
   */
  takeBuffer(maxBytes) {
    const [first, rest] = splitOp(this.buffer, maxBytes);
    this.buffer = rest;
    if (first.length > 0) this.inflight = first;
    return { op: first, more: rest !== null };
  }

  /** Throws unless the local text is confirmed + inflight + buffer. */
  check() {
    const expected = ot.apply(ot.apply(this.confirmed, this.inflight ?? []), this.buffer ?? []);
    if (expected !== this.text) throw new Error(`clause ${this.id}: local text is not confirmed + inflight + buffer`);
  }
}
