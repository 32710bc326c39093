// A negotiation frame's changed entities (web/docs/negotiation-api.md, "Live frames") put into a
// state as GET …/negotiation gives it: each entity replaces the one with its id, or joins the end
// of its list as the server orders them (new ones are the newest); the conflict groups of the
// clauses named are replaced as a whole. Pure: a new state, the old one untouched.
//
// A frame's pending amendments leave out their word diff, their proposal when it is their text and
// their base text when it is the clause's: the reader works them out from the clause's text it
// holds (textOf), as the server would, and the amendment then has the shape GET …/negotiation gives it.

import { wordDiff } from './history/word-diff.js';

/**
 * The state after a frame numbered `frame` with `changes` and `events`; textOf(clauseId) is the
 * clause's text as this reader has it now (the live client's).
 */
export function applyChanges(state, { frame, changes, events = [] }, textOf = () => undefined) {
  const next = { ...state, frame };
  // An amendment can be new to this reader long after it was drafted (when it is tabled): it goes
  // where the server lists it, by when it was drafted.
  if (changes.amendments) {
    const amendments = changes.amendments.map((a) => completeAmendment(a, textOf));
    next.amendments = upsert(state.amendments, amendments, byCreation);
  }
  if (changes.comments) next.comments = upsert(state.comments, changes.comments);
  // A vote's electorate and presence list come only when they changed: the rest is kept.
  if (changes.votes) next.votes = upsert(state.votes, changes.votes, undefined, (old, item) => ({ ...old, ...item }));
  if (changes.silences) next.silences = upsert(state.silences, changes.silences);
  if (changes.conflictGroups) {
    const regrouped = new Set(changes.conflictGroups.clauses);
    next.conflictGroups = state.conflictGroups.filter((g) => !regrouped.has(g.clauseId))
      .concat(changes.conflictGroups.groups);
  }
  if (changes.phases) next.phases = changes.phases;
  if ('adoption' in changes) next.adoption = changes.adoption;
  if (changes.documentStatus) next.documentStatus = changes.documentStatus;
  for (const e of events) if (e.seq > (next.seq ?? 0)) next.seq = e.seq;
  return next;
}

/**
 * A pending amendment from a frame with its base text (the clause's text when left out), its
 * proposal (its text when left out) and its word diff against the clause as it is now
 * (web/docs/negotiation-api.md, "Live frames"); others as they are.
 */
export function completeAmendment(a, textOf) {
  if ((a.state !== 'draft' && a.state !== 'tabled') || 'diff' in a) return a;
  const proposal = 'proposal' in a ? a.proposal : a.text;
  const current = textOf(a.clauseId) ?? '';
  const baseText = 'baseText' in a ? a.baseText : current;
  let diff;
  if (a.kind === 'insert') diff = [{ kind: 'insert', text: a.text ?? '' }];
  else if (a.kind === 'delete') diff = [{ kind: 'delete', text: current }];
  else if (a.kind === 'move') diff = [{ kind: 'equal', text: current }];
  else diff = proposal == null ? wordDiff(baseText ?? '', a.text ?? '') : wordDiff(current, proposal);
  return { ...a, baseText, proposal, diff };
}

/** Where a frame stands against a state at frame `at`: 'old' (already in it), 'next' or 'gap'. */
export function frameOrder(at, { frame, own }) {
  if (typeof at !== 'number' || typeof frame !== 'number') return 'gap';
  // A delegation's own supplement shares the number of the room's frame just before it.
  const expected = own ? at : at + 1;
  if (frame < expected) return 'old';
  return frame === expected ? 'next' : 'gap';
}

function upsert(list, items, place = (out, item) => out.push(item), replace = (old, item) => item) {
  const byId = new Map(items.map((item) => [item.id, item]));
  const out = list.map((old) => {
    const replacement = byId.get(old.id);
    if (!replacement) return old;
    byId.delete(old.id);
    return replace(old, replacement);
  });
  for (const item of byId.values()) place(out, item);
  return out;
}

/** Puts an amendment where the server lists it: by when it was drafted, then by id. */
function byCreation(out, item) {
  const at = Date.parse(item.createdAt);
  const later = out.findIndex((a) => {
    const t = Date.parse(a.createdAt);
    return t > at || (t === at && a.id > item.id);
  });
  if (later < 0) out.push(item);
  else out.splice(later, 0, item);
}
