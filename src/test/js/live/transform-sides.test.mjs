// The transform sides of the per-clause OT state machine (clause-sync.js) against the server's.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as ot from '../../../../web/js/text-op.js';
import { world, textOf } from './support/world.mjs';

test('protocol sides: the server transforms with right, so the client must use right for its own op', () => {
  // Concurrent inserts at one position: r committed first, o in flight on this client.
  const S = 'x';
  const r = ['A'];
  const o = ['B'];
  const server = ot.apply(ot.apply(S, r), ot.transform(o, r, 'right'));
  const asInTheDocument = ot.apply(ot.apply(S, o), ot.transform(r, o, 'right'));
  const asImplemented = ot.apply(ot.apply(S, o), ot.transform(r, o, 'left'));
  assert.equal(server, 'ABx');
  assert.equal(asImplemented, server);
  assert.notEqual(asInTheDocument, server); // 'BAx': the document's client algorithm diverges
  // And end to end: two clients type at the same place at the same time.
  const w = world();
  const [a, b] = w.clients;
  a.editText('op1', ['A']);
  b.editText('op1', ['B']);
  w.up(a);
  w.up(b);
  w.settle();
  w.assertConverged();
  assert.equal(textOf(w, 'op1'), 'ABCalls upon cities');
});
