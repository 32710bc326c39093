// Textareas that grow with their text, and that take text changed by someone else without
// losing the local caret or selection.

import { apply, transformPosition } from './text-op.js';
import { textDiff } from './live/text-diff.js';

const sizesItself = globalThis.CSS?.supports?.('field-sizing', 'content') ?? false;

/** Makes the textarea as tall as its text (where CSS field-sizing does not already do it). */
export function autoGrow(textarea) {
  if (sizesItself || !textarea.isConnected) return;
  const scrollY = globalThis.scrollY;
  textarea.style.height = 'auto';
  textarea.style.height = `${textarea.scrollHeight + textarea.offsetHeight - textarea.clientHeight}px`;
  if (globalThis.scrollY !== scrollY) globalThis.scrollTo({ top: scrollY });
}

/**
 * Shows text in a textarea that showed the text before op (op: the change, as a text operation;
 * when it does not fit, a minimal diff is used instead). If it has the focus, the caret and
 * selection move with the text around them: someone else's insert exactly at the caret stays after it.
 */
export function showText(textarea, text, op = null) {
  const old = textarea.value;
  if (old === text) return;
  let change = null;
  try {
    if (op && apply(old, op) === text) change = op;
  } catch {
    // the op was made on another text: fall back to a diff
  }
  change ??= textDiff(old, text);
  const { selectionStart, selectionEnd, selectionDirection } = textarea;
  textarea.value = text;
  // Only the focused textarea has a caret that matters (and setting a selection fires 'select').
  if (textarea.ownerDocument.activeElement === textarea) {
    const start = transformPosition(selectionStart, change);
    const end = selectionEnd === selectionStart ? start : transformPosition(selectionEnd, change);
    textarea.setSelectionRange(start, end, selectionDirection);
  }
  autoGrow(textarea);
}
