// Placeholder: to be written (issue 8).

import { h } from '../dom.js';

export function mountHistory(container, ctx) {
  return { show() {}, destroy() {} };
}
