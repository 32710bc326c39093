// A minimal event emitter: on(type, listener) returns an unsubscribe function.

export class Emitter {
  constructor() {
    this._listeners = new Map();
  }

  on(type, listener) {
    if (!this._listeners.has(type)) this._listeners.set(type, new Set());
    this._listeners.get(type).add(listener);
    return () => this.off(type, listener);
  }

  off(type, listener) {
    this._listeners.get(type)?.delete(listener);
  }

  _emit(type, detail) {
    for (const listener of [...(this._listeners.get(type) ?? [])]) {
      try {
        listener(detail);
      } catch (e) {
        // A failing listener must not leave the client half-way through a frame.
        queueMicrotask(() => { throw e; });
      }
    }
  }
}
