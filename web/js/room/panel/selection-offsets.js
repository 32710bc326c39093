// Maps a selection in a clause's rendered text (inline Markdown, render-clause.js) back to offsets
// in the clause's plain source text (client.clauses[i].text), which is what an amendment changes.
//
// How: the rendered text nodes appear in the source in order, each as-is or with escapes and
// markers removed. Each text node is aligned to the source from where the previous one ended
// (indexOf, or character by character when an escape is inside it), and a link's text jumps the
// cursor past its "(url)" so the next node cannot match inside the address. A selection end in a
// node then gives its source offset through the node's per-character map. The result is snapped
// out to whole words, since a person "selects words".

const WORD = /[\p{L}\p{N}'’-]/u;

/** {start, end} in source for the Range inside textEl, or null when it does not map. */
export function sourceOffsets(textEl, range, source) {
  const maps = alignTextNodes(textEl, source);
  const start = pointToSource(textEl, maps, range.startContainer, range.startOffset, source, 'start');
  const end = pointToSource(textEl, maps, range.endContainer, range.endOffset, source, 'end');
  if (start == null || end == null || end <= start) return null;
  return snapToWords(source, start, end);
}

/** Widens [start, end) to whole words and trims surrounding spaces. */
export function snapToWords(source, start, end) {
  while (start < end && /\s/.test(source[start])) start++;
  while (end > start && /\s/.test(source[end - 1])) end--;
  if (end <= start) return null;
  while (start > 0 && WORD.test(source[start - 1]) && WORD.test(source[start])) start--;
  while (end < source.length && WORD.test(source[end]) && WORD.test(source[end - 1])) end++;
  return { start, end };
}

function alignTextNodes(textEl, source) {
  const maps = new Map();
  const walker = document.createTreeWalker(textEl, NodeFilter.SHOW_TEXT);
  let cursor = 0;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.data;
    if (!text) continue;
    let map = null;
    const at = source.indexOf(text, cursor);
    if (at >= 0) {
      map = Array.from({ length: text.length + 1 }, (_, i) => at + i);
    } else {
      map = [];
      let j = cursor;
      for (const ch of text) {
        while (j < source.length && source[j] !== ch) j++;
        if (j >= source.length) break;
        map.push(j);
        for (let k = 1; k < ch.length; k++) map.push(j + k);
        j += ch.length;
      }
      if (map.length !== text.length) continue; // not in the source (a heading's number)
      map.push(j);
    }
    maps.set(node, map);
    cursor = map[map.length - 1];
    const link = node.parentElement?.closest('a');
    if (link && textEl.contains(link) && link.lastChild === node) {
      const close = source.indexOf(')', cursor);
      if (close >= 0) cursor = close + 1;
    }
  }
  return maps;
}

function pointToSource(textEl, maps, container, offset, source, side) {
  if (container.nodeType === Node.TEXT_NODE && maps.has(container)) {
    const map = maps.get(container);
    return map[Math.min(offset, map.length - 1)];
  }
  // An element boundary (or a node outside the text): use the nearest aligned text node.
  const nodes = [...maps.keys()];
  if (!nodes.length) return null;
  const point = document.createRange();
  point.setStart(container, offset);
  if (side === 'start') {
    const after = nodes.find((n) => point.comparePoint(n, 0) >= 0);
    return after ? maps.get(after)[0] : source.length;
  }
  const before = nodes.findLast((n) => point.comparePoint(n, n.data.length) <= 0);
  return before ? maps.get(before).at(-1) : 0;
}
