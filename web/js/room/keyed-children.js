// A container whose children follow a list of entries, one element per entry id: an entry is
// rebuilt only when its key (whatever its element shows) changed, and an element is moved only
// when it is out of place. The projector and the compilation rebuilt every paragraph on each
// socket frame; with this, someone typing in one paragraph changes that paragraph's DOM only.

export class KeyedChildren {
  /** container: the element whose children this class owns from now on. */
  constructor(container) {
    this._container = container;
    this._items = new Map(); // entry id → { root, key }
    this._owned = new WeakSet();
  }

  /**
   * entries: in order, each { id, key, build }, key a string, build() returning a new element.
   * Children of the container that no entry owns (a "loading" line) are removed.
   */
  update(entries) {
    const present = new Set(entries.map((e) => e.id));
    for (const [id, item] of this._items) {
      if (!present.has(id)) {
        item.root.remove();
        this._items.delete(id);
      }
    }
    for (const child of [...this._container.children]) {
      if (!this._owned.has(child)) child.remove();
    }
    let previous = null;
    for (const entry of entries) {
      let item = this._items.get(entry.id);
      if (!item || item.key !== entry.key) {
        const root = entry.build();
        this._owned.add(root);
        if (item) item.root.replaceWith(root);
        item = { root, key: entry.key };
        this._items.set(entry.id, item);
      }
      const expected = previous ? previous.nextElementSibling : this._container.firstElementChild;
      if (item.root !== expected) {
        if (previous) previous.after(item.root);
        else this._container.prepend(item.root);
      }
      previous = item.root;
    }
  }
}
