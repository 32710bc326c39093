// The room's negotiation store applies live frames in place (web/js/room/negotiation-changes.js):
// the order rule for frame numbers, and a seeded walk in which the state built from frames must
// equal the state the server would give, whatever the order of new and updated entities.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyChanges, completeAmendment, frameOrder } from '../../../../web/js/room/negotiation-changes.js';
import { makeRng } from './support/rng.mjs';

const SEED = Number.parseInt(process.env.LIVE_SEED ?? '', 10) || 20261206;

test('frames are taken in number order, the own supplement with its room frame', () => {
  assert.equal(frameOrder(4, { frame: 5 }), 'next');
  assert.equal(frameOrder(4, { frame: 4 }), 'old');
  assert.equal(frameOrder(4, { frame: 3 }), 'old');
  assert.equal(frameOrder(4, { frame: 6 }), 'gap');
  assert.equal(frameOrder(4, { frame: 4, own: true }), 'next');
  assert.equal(frameOrder(4, { frame: 5, own: true }), 'gap');
  assert.equal(frameOrder(4, { frame: 3, own: true }), 'old');
  assert.equal(frameOrder(null, { frame: 1 }), 'gap', 'no state yet: load it');
  assert.equal(frameOrder(4, {}), 'gap', 'a frame without a number: load the state');
});

test('regrouping replaces the groups of the clauses named, and only those', () => {
  const state = {
    amendments: [], comments: [], votes: [], silences: [], phases: {}, adoption: null, documentStatus: 'draft',
    conflictGroups: [{ id: 'g1', clauseId: 'c1', amendments: ['a', 'b'] }, { id: 'g2', clauseId: 'c2', amendments: ['c', 'd'] }],
  };
  const next = applyChanges(state, {
    frame: 1, changes: { conflictGroups: { clauses: ['c1', 'c3'], groups: [{ id: 'g3', clauseId: 'c3', amendments: ['e', 'f'] }] } },
  });
  assert.deepEqual(next.conflictGroups.map((g) => g.id).sort(), ['g2', 'g3']);
  assert.equal(state.conflictGroups.length, 2, 'the old state is untouched');
});

test('a frame\'s amendment gets its proposal and word diff from the clause text this reader has', () => {
  const texts = { c1: 'Calls upon local governments to publish budgets;', c2: 'Encourages cities;' };
  const textOf = (id) => texts[id];
  const modify = { id: 'a1', kind: 'modify', clauseId: 'c1', state: 'tabled', baseText: texts.c1,
    text: 'Calls upon local and regional governments to publish budgets;' };
  const done = completeAmendment(modify, textOf);
  assert.equal(done.proposal, modify.text, 'left out: the proposal is the text');
  assert.equal(done.baseText, texts.c1, 'given: the base text is kept');
  const { baseText, ...untouched } = modify;
  assert.equal(completeAmendment(untouched, textOf).baseText, texts.c1, 'left out: the base text is the clause\'s text');
  assert.deepEqual(done.diff, [{ kind: 'equal', text: 'Calls upon local ' }, { kind: 'insert', text: 'and regional ' },
    { kind: 'equal', text: 'governments to publish budgets;' }]);
  // The text moved since drafting: the proposal (rebased by the server) is diffed against the text now.
  texts.c1 = 'Calls upon all local governments to publish budgets;';
  const rebased = completeAmendment({ ...modify, proposal: 'Calls upon all local and regional governments to publish budgets;' }, textOf);
  assert.deepEqual(rebased.diff.filter((p) => p.kind !== 'equal'), [{ kind: 'insert', text: 'and regional ' }]);
  // No proposal (a conflict): the amendment against the text it was drafted on.
  const conflicted = completeAmendment({ ...modify, proposal: null }, textOf);
  assert.equal(conflicted.proposal, null);
  assert.deepEqual(conflicted.diff.filter((p) => p.kind !== 'equal'), [{ kind: 'insert', text: 'and regional ' }]);
  assert.deepEqual(completeAmendment({ id: 'a2', kind: 'delete', clauseId: 'c2', state: 'draft', text: null }, textOf).diff,
    [{ kind: 'delete', text: 'Encourages cities;' }]);
  assert.deepEqual(completeAmendment({ id: 'a3', kind: 'insert', clauseId: null, after: 'c2', state: 'tabled', text: 'New.' }, textOf).diff,
    [{ kind: 'insert', text: 'New.' }]);
  const decided = { id: 'a4', kind: 'modify', clauseId: 'c1', state: 'accepted', text: 'x' };
  assert.equal(completeAmendment(decided, textOf), decided, 'a decided amendment has neither');
  const whole = { ...modify, proposal: modify.text, diff: [{ kind: 'equal', text: 'as the state gives it' }] };
  assert.equal(completeAmendment(whole, textOf), whole, 'an amendment with its diff is taken as it is');
  const state = { amendments: [], comments: [], votes: [], silences: [], conflictGroups: [], phases: {}, adoption: null };
  const next = applyChanges(state, { frame: 1, changes: { amendments: [modify] } }, textOf);
  assert.ok(Array.isArray(next.amendments[0].diff), 'applyChanges completes the amendments it puts in place');
});

test('a vote keeps its electorate and presence list when a frame leaves them out', () => {
  const state = { amendments: [], comments: [], silences: [], conflictGroups: [], phases: {}, adoption: null,
    votes: [{ id: 'v1', stage: 'registration', electorate: ['Graz', 'UCLG'], present: ['Graz'], voted: [], ballotsCast: 0 }] };
  const registered = applyChanges(state, { frame: 1, changes: { votes: [{ id: 'v1', stage: 'registration', present: ['Graz', 'UCLG'], voted: [], ballotsCast: 0 }] } });
  assert.deepEqual(registered.votes[0].electorate, ['Graz', 'UCLG'], 'kept');
  assert.deepEqual(registered.votes[0].present, ['Graz', 'UCLG'], 'replaced');
  const cast = applyChanges(registered, { frame: 2, changes: { votes: [{ id: 'v1', stage: 'open', voted: ['UCLG'], ballotsCast: 1 }] } });
  assert.deepEqual(cast.votes[0], { id: 'v1', stage: 'open', electorate: ['Graz', 'UCLG'], present: ['Graz', 'UCLG'], voted: ['UCLG'], ballotsCast: 1 });
  assert.deepEqual(state.votes[0].present, ['Graz'], 'the old state is untouched');
  const called = applyChanges(cast, { frame: 3, changes: { votes: [{ id: 'v2', stage: 'registration', electorate: ['Graz'], present: [], voted: [] }] } });
  assert.deepEqual(called.votes.map((v) => v.id), ['v1', 'v2'], 'a new vote comes whole, at the end');
});

test(`a seeded walk of frames builds the server's state (seed ${SEED})`, () => {
  const r = makeRng(SEED);
  for (let round = 0; round < 200; round++) {
    // The server's truth: amendments listed by drafting time then id, some hidden from this reader for a while.
    const server = { amendments: [], comments: [], votes: [] };
    let client = {
      frame: 0, seq: 0, amendments: [], comments: [], votes: [], silences: [], conflictGroups: [], phases: {},
      adoption: null, documentStatus: 'draft',
    };
    let clock = Date.parse('2026-12-06T09:00:00Z');
    let seq = 0;
    for (let step = 0; step < 30; step++) {
      const changes = {};
      const roll = r.int(4);
      if (roll === 0 || server.amendments.length === 0) {
        clock += r.int(3) * 7; // some drafted in the same millisecond
        server.amendments.push({ id: `a${step}`, createdAt: new Date(clock).toISOString(), state: 'draft', visible: r.int(2) === 0, n: 0 });
      } else if (roll === 1) {
        const a = r.pick(server.amendments);
        a.visible = true; // tabled: the reader sees it from now on
        a.n++;
        changes.amendments = [shown(a)];
      } else if (roll === 2) {
        server.comments.push({ id: `c${step}`, body: `comment ${step}` });
        changes.comments = [server.comments.at(-1)];
      } else {
        const a = r.pick(server.amendments);
        a.n++;
        if (a.visible) changes.amendments = [shown(a)];
      }
      const events = [{ seq: ++seq }];
      client = applyChanges(client, { frame: client.frame + 1, changes, events });
    }
    const visible = server.amendments.filter((a) => a.visible && a.n > 0).map(shown)
      .sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    assert.deepEqual(client.amendments.filter((a) => visible.some((v) => v.id === a.id)), visible,
      `round ${round}, seed ${SEED}: amendments in the server's order`);
    assert.deepEqual(client.comments, server.comments, `round ${round}, seed ${SEED}`);
    assert.equal(client.seq, seq);
  }
});

function shown(a) {
  return { id: a.id, createdAt: a.createdAt, n: a.n };
}
