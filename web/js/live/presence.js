// Presence: where this person is (sent throttled) and where everyone is (as the server reports
// them, with carets moved along by the text changes seen here since).

import { transformPosition } from '../text-op.js';

export class Presence {
  /**
   * @param {object} io
   * @param {Function} io.send message => boolean
   * @param {Function} io.canSend () => boolean (joined)
   * @param {Function} io.setTimeout @param {Function} io.clearTimeout
   * @param {number} io.intervalMs at most one presence message per interval
   */
  constructor({ send, canSend, setTimeout, clearTimeout, intervalMs }) {
    this._io = { send, canSend, setTimeout, clearTimeout, intervalMs };
    this.people = [];
    this._mine = null;
    this._dirty = false;
    this._timer = null;
  }

  /** Where this person is: a clause (or null) and a caret offset in its local text (or null). */
  set(clauseId, caret) {
    const mine = { clauseId: clauseId ?? null, caret: Number.isInteger(caret) ? caret : null };
    // The page reports the caret on every selection change, and someone else's edit to any text
    // area is one: sending the same place again made every editor answer every remote keystroke.
    if (this._mine && this._mine.clauseId === mine.clauseId && this._mine.caret === mine.caret) return;
    this._mine = mine;
    this._dirty = true;
    this.flush();
  }

  /** After a (re)join: the server has forgotten us, so tell it again. */
  rejoined() {
    this._dirty = this._mine !== null;
    this.flush();
  }

  flush() {
    if (!this._dirty || this._timer !== null || !this._io.canSend()) return;
    this._dirty = false;
    this._io.send({ type: 'presence', ...this._mine });
    this._timer = this._io.setTimeout(() => {
      this._timer = null;
      this.flush();
    }, this._io.intervalMs);
  }

  cancel() {
    if (this._timer !== null) {
      this._io.clearTimeout(this._timer);
      this._timer = null;
    }
  }

  /** A `presence` message: entries that changed, and `{connectionId, left: true}` for who left. */
  change(changes) {
    for (const change of Array.isArray(changes) ? changes : []) {
      const i = this.people.findIndex((p) => p.connectionId === change.connectionId);
      if (change.left) {
        if (i >= 0) this.people.splice(i, 1);
      } else if (i >= 0) {
        this.people[i] = { ...change };
      } else {
        this.people.push({ ...change });
      }
    }
    return this.people;
  }

  /** Everyone connected, from a `joined` message. */
  setPeople(people) {
    this.people = Array.isArray(people) ? people.map((p) => ({ ...p })) : [];
    return this.people;
  }

  /** The clause's local text changed by op: move the carets of the people in it. */
  move(clauseId, op) {
    for (const person of this.people) {
      if (person.clauseId === clauseId && Number.isInteger(person.caret)) {
        try {
          person.caret = transformPosition(person.caret, op, false);
        } catch {
          // a stale caret; leave it
        }
      }
    }
  }
}
