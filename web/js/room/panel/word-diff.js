// An amendment's word diff ([{kind: equal|insert|delete, text}]) as one paragraph in the text's own
// direction, its changes marked as in the compilation (../render-diff.js).

import { h } from '../../dom.js';
import { renderDiff } from '../render-diff.js';

export function renderWordDiff(diff) {
  return h('p', { class: 'word-diff', dir: 'auto' }, renderDiff(diff));
}
