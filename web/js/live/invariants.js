// The live client's internal invariants, checked by the tests after every step.

import { rulesHold } from './structure.js';

/** Throws if the internal invariants of the LiveClient c do not hold. */
export function checkInvariants(c) {
  for (const rec of c._records.values()) {
    rec.check();
    const queued = c._queue.filter((e) => e.type === 'text' && e.clauseId === rec.id).length;
    if (queued !== (rec.buffer !== null ? 1 : 0)) throw new Error(`clause ${rec.id}: ${queued} queue entries, buffer ${JSON.stringify(rec.buffer)}`);
    if (rec.inflight !== null && !(c._inflight?.kind === 'text' && c._inflight.clauseId === rec.id)) {
      throw new Error(`clause ${rec.id} holds an in-flight op that is not the client's submission`);
    }
    if (rec.inConfirmed !== c._order.includes(rec.id)) throw new Error(`clause ${rec.id}: inConfirmed is wrong`);
  }
  for (const id of c._order) if (!c._records.has(id)) throw new Error(`no record for clause ${id}`);
  if (!rulesHold(c._view.order, c._view.kinds)) throw new Error('the local view breaks the sub-paragraph rule');
}
