// Presence: throttled sending, receiving, carets moved by edits (presence.js).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as ot from '../../../../web/js/text-op.js';
import { world } from './support/world.mjs';

test('presence: sent throttled, received, carets moved by remote edits', () => {
  const w = world({ clients: 2 });
  const [a, b] = w.clients;
  for (let i = 0; i < 10; i++) a.setPresence('op1', i);
  assert.equal(w.sentBy(0, 'presence').length, 1);
  w.clock.advance(100);
  assert.equal(w.sentBy(0, 'presence').length, 2);
  assert.deepEqual(w.sentBy(0, 'presence').at(-1), { type: 'presence', clauseId: 'op1', caret: 9 });
  w.deliver();
  // Presence names connections, never client ids.
  const aSeenByB = () => b.people.find((p) => p.connectionId === a.connectionId);
  assert.equal(aSeenByB().caret, 9);
  const presenceEvents = b.events.filter((e) => e.type === 'presence').length;
  assert.ok(presenceEvents > 0);
  b.editText('op1', ['Now ']); // b's own edit before a's caret moves it in b's view
  assert.equal(aSeenByB().caret, 13);
  const clauseEvents = [];
  a.on('clause', (e) => clauseEvents.push(e));
  w.settle();
  assert.deepEqual(clauseEvents.map((e) => [e.clauseId, e.op, e.source]), [['op1', ['Now '], 'remote']]);
  assert.equal(ot.transformPosition(9, clauseEvents[0].op), 13);
});

test('presence: the same place again sends nothing; a new place, or leaving, does', () => {
  const w = world({ clients: 2 });
  const [a] = w.clients;
  a.setPresence('op1', 4);
  w.clock.advance(100);
  assert.equal(w.sentBy(0, 'presence').length, 1);
  // What a remote keystroke anywhere makes the page do: report the caret, unmoved.
  for (let i = 0; i < 5; i++) {
    a.setPresence('op1', 4);
    w.clock.advance(100);
  }
  assert.equal(w.sentBy(0, 'presence').length, 1);
  a.setPresence('op1', 5);
  w.clock.advance(100);
  assert.equal(w.sentBy(0, 'presence').length, 2);
  a.setPresence(null, null);
  w.clock.advance(100);
  assert.deepEqual(w.sentBy(0, 'presence').at(-1), { type: 'presence', clauseId: null, caret: null });
});
