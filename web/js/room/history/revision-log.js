// The document's revisions ({revision, author, at, type, clauseId}), read page by page from
// GET …/history and extended when the live document moves on.

export class RevisionLog {
  constructor(api, documentId) {
    this._api = api;
    this._documentId = documentId;
    this._entries = new Map(); // revision → entry
    this.latest = 0;
    this._loading = null;
    this._again = false;
  }

  entry(revision) {
    return this._entries.get(revision) ?? null;
  }

  /** Reads every revision after the last one known (once more if asked again meanwhile). */
  load() {
    if (this._loading) {
      this._again = true;
      return this._loading;
    }
    this._loading = (async () => {
      try {
        do {
          this._again = false;
          let after = this.latest;
          for (;;) {
            const page = await this._api.history(this._documentId, { after, limit: 500 });
            for (const e of page?.revisions ?? []) {
              this._entries.set(e.revision, e);
              this.latest = Math.max(this.latest, e.revision);
            }
            if (page?.next == null || page.next <= after) break;
            after = page.next;
          }
        } while (this._again);
      } finally {
        this._loading = null;
      }
    })();
    return this._loading;
  }
}
