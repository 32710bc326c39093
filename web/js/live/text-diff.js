// The minimal text operation between two versions of a text (what a textarea's input event
// amounts to).

import { normalize } from '../text-op.js';
import { isHigh, isLow } from './utf16.js';

/**
 * A minimal operation turning oldText into newText: keeps the common prefix and suffix and
 * replaces what lies between. Never cuts a surrogate pair.
 */
export function textDiff(oldText, newText) {
  if (oldText === newText) return [];
  const max = Math.min(oldText.length, newText.length);
  let prefix = 0;
  while (prefix < max && oldText.charCodeAt(prefix) === newText.charCodeAt(prefix)) prefix++;
  if (prefix > 0 && isHigh(oldText.charCodeAt(prefix - 1))) prefix--;
  let suffix = 0;
  while (suffix < max - prefix
    && oldText.charCodeAt(oldText.length - 1 - suffix) === newText.charCodeAt(newText.length - 1 - suffix)) suffix++;
  if (suffix > 0 && isLow(oldText.charCodeAt(oldText.length - suffix))) suffix--;
  const removed = oldText.length - suffix - prefix;
  const inserted = newText.slice(prefix, newText.length - suffix);
  const op = [];
  if (prefix > 0) op.push(prefix);
  if (inserted.length > 0) op.push(inserted);
  if (removed > 0) op.push(-removed);
  return normalize(op);
}
