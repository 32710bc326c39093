// The document's structural rules, as the server applies them: the clause kinds, the
// sub-paragraph rule, and structural changes (insert, delete, move, set-kind) on an
// {order, kinds} state, refused where the server would refuse them.

/** Clause kinds, in the wire spelling. */
export const CLAUSE_KINDS = Object.freeze(['heading', 'preambular', 'operative', 'sub-paragraph', 'free-text',
  'footnote']);

/** The server's structural rule: a sub-paragraph follows an operative paragraph or a sub-paragraph. */
export function rulesHold(order, kinds) {
  let previous = null;
  for (const id of order) {
    const kind = kinds.get(id);
    if (kind === 'sub-paragraph' && previous !== 'operative' && previous !== 'sub-paragraph') return false;
    previous = kind;
  }
  return true;
}

/**
 * Applies a structural change to state ({order: ids, kinds: Map id → kind}, changed in place) if
 * the server would accept it; returns whether it did. deleted: ids never to be reused.
 */
export function applyStructural(state, change, deleted) {
  const { order, kinds } = state;
  const id = change.clauseId;
  const position = (after) => (after == null ? 0 : order.indexOf(after) + 1);
  switch (change.type) {
    case 'insert': {
      if (kinds.has(id) || deleted.has(id)) return false;
      if (change.after != null && !kinds.has(change.after)) return false;
      order.splice(position(change.after), 0, id);
      kinds.set(id, change.kind);
      if (rulesHold(order, kinds)) return true;
      order.splice(order.indexOf(id), 1);
      kinds.delete(id);
      return false;
    }
    case 'delete': {
      const index = order.indexOf(id);
      if (index < 0) return false;
      const kind = kinds.get(id);
      order.splice(index, 1);
      kinds.delete(id);
      if (rulesHold(order, kinds)) return true;
      order.splice(index, 0, id);
      kinds.set(id, kind);
      return false;
    }
    case 'move': {
      const index = order.indexOf(id);
      if (index < 0 || change.after === id || (change.after != null && !kinds.has(change.after))) return false;
      order.splice(index, 1);
      order.splice(position(change.after), 0, id);
      if (rulesHold(order, kinds)) return true;
      order.splice(order.indexOf(id), 1);
      order.splice(index, 0, id);
      return false;
    }
    case 'set-kind': {
      if (!kinds.has(id)) return false;
      const kind = kinds.get(id);
      kinds.set(id, change.kind);
      if (rulesHold(order, kinds)) return true;
      kinds.set(id, kind);
      return false;
    }
    default:
      return false;
  }
}
