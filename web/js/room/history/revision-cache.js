// Documents as they were at given revisions (GET …/revisions/{rev}); a past revision never
// changes, so each is fetched once (the last few dozen kept).

const KEEP = 40;

export class RevisionCache {
  constructor(api, documentId) {
    this._api = api;
    this._documentId = documentId;
    this._docs = new Map(); // revision → Promise of the document
  }

  get(revision) {
    let doc = this._docs.get(revision);
    if (!doc) {
      doc = this._api.revision(this._documentId, revision);
      doc.catch(() => this._docs.delete(revision));
      this._docs.set(revision, doc);
      if (this._docs.size > KEEP) this._docs.delete(this._docs.keys().next().value);
    }
    return doc;
  }
}
