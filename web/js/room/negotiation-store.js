// The negotiation of one document as this person may see it (GET …/negotiation), kept current by
// the live socket's `negotiation` frames: each frame triggers one reload of the state (frames
// arriving meanwhile are folded into the next), because the state, not the frame, is what the
// server guarantees to be complete and redacted for this reader.
//
// Events: 'change' {state} after each load; 'events' {events} with the frame's audit entries, for
// announcements. Views read the state through the helpers below and never change it themselves:
// they call the API, and the answer comes back through the socket like anyone else's.

import { api } from '../api.js';
import { Emitter } from '../live/emitter.js';
import { coalescedLoad } from './coalesced-load.js';

const EMPTY = {
  revision: 0, seq: 0, documentStatus: null, phases: {}, amendments: [], conflictGroups: [],
  comments: [], votes: [], silences: [], adoption: null,
};

export class NegotiationStore extends Emitter {
  constructor(documentId) {
    super();
    this.documentId = documentId;
    this.state = EMPTY;
    this._reload = coalescedLoad(() => this._load());
  }

  /** Follows a LiveClient's negotiation frames; returns an unsubscribe function. */
  follow(client) {
    const offFrame = client.on('negotiation', ({ events }) => {
      const visible = events.filter((e) => !e.hidden);
      if (visible.length) this._emit('events', { events: visible });
      this._reloadQuietly();
    });
    // After a reconnect frames may have been missed: read the whole state again.
    const offStatus = client.on('status', ({ status }) => { if (status === 'online') this._reloadQuietly(); });
    return () => { offFrame(); offStatus(); };
  }

  /** Loads the state now (or once more after the load in progress). Resolves with the state. */
  reload() {
    return this._reload();
  }

  /** A reload that failed (offline, signed out) is tried again at the next frame or reconnect. */
  _reloadQuietly() {
    this.reload().catch(() => {});
  }

  async _load() {
    const state = await api.negotiation(this.documentId);
    if (state && state.seq >= (this.state.seq ?? 0)) {
      this.state = { ...EMPTY, ...state };
      this._emit('change', { state: this.state });
    }
    return this.state;
  }

  /** Puts an answer that carries the whole state (phases, breaks, adoption) in place at once. */
  accept(state) {
    if (state && Array.isArray(state.amendments) && state.seq >= (this.state.seq ?? 0)) {
      this.state = { ...EMPTY, ...state };
      this._emit('change', { state: this.state });
    } else {
      this.reload();
    }
  }

  // ---------------------------------------------------------------- reading

  amendment(id) {
    return this.state.amendments.find((a) => a.id === id) ?? null;
  }

  /** Amendments of a clause (for an insertion: those inserting after it), newest last. */
  amendmentsOf(clauseId) {
    return this.state.amendments.filter((a) => a.clauseId === clauseId);
  }

  /** Draft and tabled amendments of a clause. */
  pendingOf(clauseId) {
    return this.amendmentsOf(clauseId).filter((a) => a.state === 'draft' || a.state === 'tabled');
  }

  conflictGroupsOf(clauseId) {
    return this.state.conflictGroups.filter((g) => g.clauseId === clauseId);
  }

  /** Comments on a target ('clause' or 'amendment'), as threads: [{first, replies}], oldest first. */
  threadsOf(target, targetId) {
    const all = this.state.comments;
    return all.filter((c) => !c.parentId && c.target === target && c.targetId === targetId)
      .map((first) => ({ first, replies: all.filter((c) => c.parentId === first.id) }));
  }

  phase(name) {
    return this.state.phases?.[name] ?? { open: false, deadline: null };
  }

  /** The vote that is not closed yet, or null (there is at most one). */
  currentVote() {
    return this.state.votes.find((v) => v.stage !== 'closed') ?? null;
  }

  /** The silence procedure still running, or null. */
  runningSilence() {
    return this.state.silences.find((s) => !s.concluded) ?? null;
  }

  get adopted() {
    return this.state.documentStatus === 'adopted' || Boolean(this.state.adoption);
  }
}
