// Placeholder: to be written (issue 8).

import { h } from '../dom.js';

export function mountProjector(container, ctx) {
  return { show() {}, destroy() {} };
}
