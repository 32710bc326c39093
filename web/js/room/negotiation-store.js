// The negotiation of one document as this person may see it (GET …/negotiation), kept current by
// the live socket's `negotiation` frames, which carry the entities that changed, already redacted
// for this reader (negotiation-changes.js puts them in place). The whole state is read only at the
// start, on a join (or rejoin) that names a frame or event it lacks, and when a frame's number shows
// one was missed; frames that arrive while it is read wait, and those newer than what it returned
// are applied after it.
//
// Events: 'change' {state} after each load or frame; 'events' {events} with the frame's audit
// entries, for announcements. Views read the state through the helpers below and never change it
// themselves: they call the API, and the answer comes back through the socket like anyone else's.

import { api } from '../api.js';
import { Emitter } from '../live/emitter.js';
import { coalescedLoad } from './coalesced-load.js';
import { applyChanges, frameOrder } from './negotiation-changes.js';

const EMPTY = {
  revision: 0, seq: 0, frame: null, documentStatus: null, phases: {}, amendments: [], conflictGroups: [],
  comments: [], votes: [], silences: [], adoption: null,
};

/** Whether an answer's state is at least as new as ours: by frame number, or by the last event. */
function newer(state, than) {
  if (typeof state.frame === 'number' && typeof than.frame === 'number') return state.frame >= than.frame;
  return state.seq >= (than.seq ?? 0);
}

export class NegotiationStore extends Emitter {
  constructor(documentId) {
    super();
    this.documentId = documentId;
    this.state = EMPTY;
    this._loading = false;
    this._waiting = []; // frames that arrived during a load
    this._checkJoin = false; // a join came during a load: compare once it is in
    this._reload = coalescedLoad(() => this._load());
  }

  /** Follows a LiveClient's negotiation frames; returns an unsubscribe function. */
  follow(client) {
    this._client = client;
    const offFrame = client.on('negotiation', (frame) => {
      const visible = frame.events.filter((e) => !e.hidden);
      if (visible.length) this._emit('events', { events: visible });
      this._onFrame(frame);
    });
    // Frames may have been missed before the join (or while disconnected): read the whole state
    // again unless it is at the frame the join names.
    const offStatus = client.on('status', ({ status }) => { if (status === 'online') this._joined(); });
    return () => { offFrame(); offStatus(); };
  }

  /** On a join: reloads unless the state is the one the join names (after the load in progress). */
  _joined() {
    if (this._loading) {
      this._checkJoin = true;
      return;
    }
    // A sequencer that restarted numbers its frames from 0 again: only the same frame and the same
    // last event mean the same state.
    const at = this._client?.negotiationAt;
    if (!at || at.frame !== this.state.frame || at.seq !== this.state.seq) this._reloadQuietly();
  }

  _onFrame(frame) {
    if (this._loading) {
      this._waiting.push(frame);
      return;
    }
    if (!frame.changes) {
      this._reloadQuietly(); // a server that sends no changes: the state is what it guarantees
      return;
    }
    const order = frameOrder(this.state.frame, frame);
    if (order === 'old') return;
    if (order === 'gap') {
      this._reloadQuietly();
      return;
    }
    this.state = applyChanges(this.state, frame, (clauseId) => this._client?.text(clauseId));
    this._emit('change', { state: this.state });
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
    this._loading = true;
    try {
      // The whole state is the truth as of its frame: the frames that waited bring it up to date.
      const state = await api.negotiation(this.documentId);
      if (state) {
        this.state = { ...EMPTY, ...state };
        this._emit('change', { state: this.state });
      }
    } finally {
      this._loading = false;
      const waiting = this._waiting;
      this._waiting = [];
      waiting.forEach((frame) => this._onFrame(frame));
      if (this._checkJoin) {
        this._checkJoin = false;
        this._joined();
      }
    }
    return this.state;
  }

  /** Puts an answer that carries the whole state (phases, breaks, adoption) in place at once. */
  accept(state) {
    if (!state || !Array.isArray(state.amendments)) {
      this.reload();
    } else if (!this._loading && newer(state, this.state)) {
      this.state = { ...EMPTY, ...state };
      this._emit('change', { state: this.state });
    } // else the state here is newer already, or a load in progress will be
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
