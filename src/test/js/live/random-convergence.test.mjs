// Randomised convergence runs of web/js/live/live-client.js, run with plain Node 20 (no packages):
//
//   node --test src/test/js/live/random-convergence.test.mjs
//
// A fake in-memory server (support/) implements the server's rules as the protocol document and the
// sequencer state them (transform against the clause history with 'right', revisions, the
// sub-paragraph rule, exactly-once by clientId + seq, durable-then-broadcast, coalesced frames,
// catch-up by ops or by document, resync). Fake sockets connect LiveClients to it; a seeded
// scheduler interleaves local edits, message deliveries, disconnects, reconnects, write failures
// and restarts, then lets everything settle and checks that every client converged to the
// server's document and that nothing was applied twice.
//
// Seeds: LIVE_SEED=n fixes the base seed (run i of each scenario uses n + i), LIVE_RUNS=k the
// runs per scenario. A failure prints the seed that replays it.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeRng } from './support/rng.mjs';
import { World } from './support/world.mjs';
import { localAction, randomStep, STRUCTURE_HEAVY } from './support/random-edits.mjs';

const BASE_SEED = process.env.LIVE_SEED ? Number(process.env.LIVE_SEED) >>> 0
  : (Date.now() ^ Math.floor(Math.random() * 0x7fffffff)) >>> 0;
const RUNS = process.env.LIVE_RUNS ? Number(process.env.LIVE_RUNS) : null;

const SCENARIOS = [
  {
    name: 'two clients, one hot clause, reliable network',
    clients: 2, steps: [80, 250],
    settings: () => ({}),
    p: { edit: 30, drop: 0.3, restart: 0, resync: 0, slow: 0, writeFailure: 0 },
  },
  {
    name: 'three clients, disconnects, short catch-up history, faults',
    clients: 3, steps: [100, 350],
    settings: (r) => ({ catchUpLimit: r.int(12), historyPerClause: 2 + r.int(30), maxClause: 150 + r.int(200),
      faults: { rateLimited: 0.03, unavailable: 0.03 } }),
    p: { edit: 30, drop: 2, restart: 0.2, resync: 0.2, slow: 0.3, writeFailure: 0.05 },
  },
  {
    name: 'four clients, tiny messages (op splitting), chaos',
    clients: 4, steps: [100, 300],
    clientOptions: { maxOpBytes: 40 },
    settings: (r) => ({ catchUpLimit: r.int(30), historyPerClause: 1 + r.int(10), maxMessageBytes: 400,
      faults: { rateLimited: 0.05, unavailable: 0.05 } }),
    p: { edit: 35, drop: 4, restart: 0.4, resync: 0.4, slow: 0.5, writeFailure: 0.1 },
  },
  {
    name: 'three clients, structural changes racing (inserts after deleted clauses, moves, kinds)',
    clients: 3, steps: [100, 300],
    settings: (r) => ({ catchUpLimit: 5 + r.int(30), faults: { rateLimited: 0.01, unavailable: 0.01 } }),
    p: { edit: 40, drop: 1, restart: 0.1, resync: 0.1, slow: 0.1, writeFailure: 0.02, actions: STRUCTURE_HEAVY },
  },
];

function runRandom(scenario, seed) {
  const setup = makeRng(seed ^ 0x5bd1e995);
  const w = new World(seed, { clients: scenario.clients, settings: scenario.settings(setup),
    clientOptions: scenario.clientOptions ?? {} });
  const tokens = new Set();
  for (const c of w.clients) c.connect();
  const steps = scenario.steps[0] + w.r.int(scenario.steps[1] - scenario.steps[0]);
  try {
    for (let i = 0; i < steps; i++) {
      randomStep(w, tokens, scenario.p);
      for (const c of w.clients) c._selfCheck();
    }
    w.settle();
    w.assertConverged();
    // Nothing was applied twice: every unique token occurs at most once in the result.
    const all = w.server.durable.doc.clauses.map((c) => c.text).join('\n');
    for (const token of tokens) {
      const count = all.split(token).length - 1;
      assert.ok(count <= 1, `token ${token} occurs ${count} times`);
    }
    // And the clients went on editing after it all: one more round converges too.
    for (let i = 0; i < 10; i++) localAction(w, w.r.pick(w.clients), tokens);
    w.settle();
    w.assertConverged();
  } catch (e) {
    e.message = `${scenario.name}: seed=${seed} (replay: LIVE_SEED=${seed} LIVE_RUNS=1 node --test `
      + `src/test/js/live/random-convergence.test.mjs)\n${e.message}\n--- last steps ---\n${w.describe()}`;
    throw e;
  }
  return w;
}

const runsPerScenario = RUNS ?? 150;
for (const [k, scenario] of SCENARIOS.entries()) {
  test(`random: ${scenario.name} (${runsPerScenario} runs)`, (t) => {
    t.diagnostic(`base seed ${BASE_SEED} (LIVE_SEED=${BASE_SEED})`);
    const totals = { documentLoads: 0, resubmitted: 0, dropped: 0, frames: 0, rejected: {} };
    for (let i = 0; i < runsPerScenario; i++) {
      const seed = (BASE_SEED + i + (RUNS === 1 ? 0 : k * 1_000_003)) >>> 0;
      const w = runRandom(scenario, seed);
      for (const c of w.clients) {
        totals.documentLoads += c.stats.documentLoads;
        totals.resubmitted += c.stats.resubmitted;
        totals.dropped += c.stats.dropped;
      }
      totals.frames += w.server.counts.frames;
      for (const [code, n] of Object.entries(w.server.counts.rejected)) totals.rejected[code] = (totals.rejected[code] ?? 0) + n;
    }
    t.diagnostic(`totals ${JSON.stringify(totals)}`);
  });
}
