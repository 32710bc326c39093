// A search snippet: parts of plain text, the matched ones in <mark>. Built as text nodes, never HTML.

import { h } from './dom.js';

export function renderSnippet(parts) {
  return h('p', { class: 'snippet', dir: 'auto' },
    (Array.isArray(parts) ? parts : []).map((part) =>
      part.match ? h('mark', null, String(part.text ?? '')) : String(part.text ?? '')));
}
