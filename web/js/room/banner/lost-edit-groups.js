// The person's lost edits (LiveClient 'diverged') as the banner tells them: grouped by paragraph,
// each group named as the paragraph is now numbered (or as a new paragraph, or one no longer in
// the document), with a short excerpt of what the person had written there.

import { t, tn } from '../../i18n.js';
import { clauseName, sentenceStart } from '../clause-name.js';
import { isLow } from '../../live/utf16.js';

const EXCERPT_BEFORE = 25; // characters kept before the change
const EXCERPT_LENGTH = 80;

/**
 * lost: [{seq, change, before, after}] oldest first; clauses: the document now (client.clauses).
 * Returns [{clauseId, name, count, excerpt, actions}] in the order of the first edit of each:
 * name capitalised for the start of a line; excerpt: text, or null; actions: words for changes
 * without text ('deleted', 'moved', 'kind changed').
 */
export function lostEditGroups(lost, clauses) {
  const groups = new Map();
  for (const entry of lost) {
    const id = entry.change.clauseId;
    if (!groups.has(id)) groups.set(id, { clauseId: id, inserted: entry.change.type === 'insert', entries: [] });
    groups.get(id).entries.push(entry);
  }
  return [...groups.values()].map((g) => ({
    clauseId: g.clauseId,
    name: sentenceStart(lostClauseName(g.clauseId, clauses, g.inserted)),
    count: g.entries.length,
    excerpt: excerptOf(g.entries),
    actions: [...new Set(g.entries.map((e) => e.change.type).filter((type) => ACTIONS[type]))].map((type) => t(ACTIONS[type])),
  }));
}

const ACTIONS = { delete: 'banner.lost.deleted', move: 'banner.lost.moved', 'set-kind': 'banner.lost.kindChanged' };

/** How a lost edit's paragraph is named now: by its number, else as new or as gone. */
export function lostClauseName(clauseId, clauses, inserted = false) {
  const position = clauses.findIndex((c) => c.id === clauseId);
  if (position >= 0) return clauseName(clauses[position], position);
  return t(inserted ? 'banner.lost.new' : 'banner.lost.gone');
}

/** "3 edits" after a group's name, or nothing for one. */
export const countText = (count) => (count > 1 ? tn('banner.lost.edits', count) : '');

/** What the person had written: around the last text change, or the new paragraph's opening. */
function excerptOf(entries) {
  for (const entry of [...entries].reverse()) {
    const { change, before, after } = entry;
    if (change.type === 'text' && before != null && after != null) return around(after, commonPrefix(before, after));
    if (change.type === 'insert' && change.text) return around(change.text, 0);
  }
  return null;
}

function commonPrefix(a, b) {
  let i = 0;
  while (i < a.length && i < b.length && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

/** Up to EXCERPT_LENGTH characters of text from a little before at, on one line, "…" where cut. */
function around(text, at) {
  const flat = text.replace(/\s+/g, ' ');
  let start = Math.max(0, Math.min(at - EXCERPT_BEFORE, flat.length - EXCERPT_LENGTH));
  let end = Math.min(flat.length, start + EXCERPT_LENGTH);
  // Never half a surrogate pair.
  if (start > 0 && isLow(flat.charCodeAt(start))) start++;
  if (end < flat.length && isLow(flat.charCodeAt(end))) end--;
  return `${start > 0 ? '…' : ''}${flat.slice(start, end).trim()}${end < flat.length ? '…' : ''}`;
}
