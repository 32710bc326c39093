// A fake clock: setTimeout / clearTimeout that fire only when the test says so.

export class Clock {
  constructor() {
    this.now = 0;
    this.ids = 0;
    this.timers = new Map();
    this.setTimeout = (fn, ms) => {
      const id = ++this.ids;
      this.timers.set(id, { id, at: this.now + Math.max(0, ms ?? 0), fn });
      return id;
    };
    this.clearTimeout = (id) => this.timers.delete(id);
  }

  nextTimer() {
    let best = null;
    for (const t of this.timers.values()) if (!best || t.at < best.at || (t.at === best.at && t.id < best.id)) best = t;
    return best;
  }

  fireNext() {
    const t = this.nextTimer();
    if (!t) return false;
    this.timers.delete(t.id);
    this.now = Math.max(this.now, t.at);
    t.fn();
    return true;
  }

  /** Fires every timer due within ms from now. */
  advance(ms) {
    const until = this.now + ms;
    for (let t = this.nextTimer(); t && t.at <= until; t = this.nextTimer()) {
      this.timers.delete(t.id);
      this.now = Math.max(this.now, t.at);
      t.fn();
    }
    this.now = until;
  }
}
