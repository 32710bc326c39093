// The room's negotiation store reads the whole state at the start and, on a join, only when the
// join names a frame or an event the state does not have (web/js/room/negotiation-store.js): the
// page no longer reads it twice per load, and still reads it again when a frame was missed before
// the join or the document's sequencer started afresh.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NegotiationStore } from '../../../../web/js/room/negotiation-store.js';
import { Emitter } from '../../../../web/js/live/emitter.js';

/** A server whose negotiation state is `state` (changed by the test); counts the reads. */
function server(state) {
  const s = { state, reads: 0 };
  globalThis.fetch = async (path) => {
    assert.match(String(path), /^\/api\/documents\/d1\/negotiation$/);
    s.reads++;
    const body = JSON.stringify(s.state);
    return new Response(body, { status: 200, headers: { 'Content-Type': 'application/json' } });
  };
  return s;
}

/** A live client that joins where `at` says the negotiation stands. */
class FakeClient extends Emitter {
  join(at) {
    this.negotiationAt = at;
    this._emit('status', { status: 'online' });
  }

  frame(frame) {
    this._emit('negotiation', { events: [], ...frame });
  }

  text() {
    return '';
  }
}

// One turn of the event loop (no time passes): the stubbed fetch and the store's handlers run.
const settle = () => new Promise((resolve) => setImmediate(resolve));
const state = (frame, seq, extra = {}) => ({ revision: 1, seq, frame, phases: {}, amendments: [], comments: [],
  votes: [], silences: [], conflictGroups: [], adoption: null, ...extra });

test('a join at the frame the state was read at reads nothing again, whether it comes before or after the read', async () => {
  for (const joinFirst of [false, true]) {
    const s = server(state(4, 9));
    const store = new NegotiationStore('d1');
    const client = new FakeClient();
    store.follow(client);
    const loading = store.reload();
    if (joinFirst) client.join({ frame: 4, seq: 9 });
    await loading;
    if (!joinFirst) client.join({ frame: 4, seq: 9 });
    await settle();
    assert.equal(s.reads, 1, joinFirst ? 'join during the read' : 'join after the read');
    assert.equal(store.state.frame, 4);
  }
});

test('a join past the state read (a frame missed before it), or of a sequencer that started afresh, reads it again', async () => {
  const cases = [
    { name: 'a frame published between the read and the join', at: { frame: 5, seq: 10 } },
    { name: 'a new sequencer numbering its frames from 0', at: { frame: 0, seq: 9 } },
    { name: 'an event the state lacks', at: { frame: 4, seq: 10 } },
    { name: 'a server that does not say', at: null },
  ];
  for (const { name, at } of cases) {
    const s = server(state(4, 9));
    const store = new NegotiationStore('d1');
    const client = new FakeClient();
    store.follow(client);
    await store.reload();
    s.state = state(5, 10, { amendments: [{ id: 'a1', clauseId: 'op1', state: 'tabled' }] });
    client.join(at);
    for (let i = 0; i < 20 && store.state.frame !== 5; i++) await settle();
    assert.equal(s.reads, 2, name);
    assert.equal(store.state.frame, 5, name);
  }
});

test('after a join that needed no read, the next frame is applied in place', async () => {
  const s = server(state(4, 9));
  const store = new NegotiationStore('d1');
  const client = new FakeClient();
  store.follow(client);
  await store.reload();
  client.join({ frame: 4, seq: 9 });
  client.frame({ frame: 5, changes: { phases: { tabling: { open: true } } } });
  await settle();
  assert.equal(s.reads, 1);
  assert.equal(store.state.frame, 5);
  assert.deepEqual(store.state.phases.tabling, { open: true });
});
