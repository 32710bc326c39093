// The document's revisions ({revision, author, at, type, clauseId}), read page by page from
// GET …/history and extended when the live document moves on.

import { coalescedLoad } from '../coalesced-load.js';

export class RevisionLog {
  constructor(api, documentId) {
    this._api = api;
    this._documentId = documentId;
    this._entries = new Map(); // revision → entry
    this.latest = 0;
    this._load = coalescedLoad(() => this._readNewer());
  }

  entry(revision) {
    return this._entries.get(revision) ?? null;
  }

  /** Reads every revision after the last one known (once more if asked again meanwhile). */
  load() {
    return this._load();
  }

  async _readNewer() {
    let after = this.latest;
    for (;;) {
      const page = await this._api.history(this._documentId, { after, limit: 500 });
      for (const e of page?.revisions ?? []) {
        this._entries.set(e.revision, e);
        this.latest = Math.max(this.latest, e.revision);
      }
      if (page?.next == null || page.next <= after) return;
      after = page.next;
    }
  }
}
