// The live socket: opening it, reconnecting with exponential backoff, pings that detect a dead
// connection, and the connection status. What is said over it is the client's business.

const OPEN = 1; // WebSocket.OPEN

/** The live URL for a document: ws(s)://host/api/documents/{id}/live, from an http(s) or ws(s) origin. */
export function liveUrl(documentId, origin) {
  const url = new URL(String(origin));
  const secure = url.protocol === 'https:' || url.protocol === 'wss:';
  return `${secure ? 'wss:' : 'ws:'}//${url.host}/api/documents/${encodeURIComponent(documentId)}/live`;
}

export class Connection {
  /**
   * @param {string} url
   * @param {object} options WebSocket, setTimeout, clearTimeout, pingIntervalMs, backoffMinMs, backoffMaxMs
   * @param {object} handlers
   * @param {Function} handlers.opened () => void: the socket is open (send join)
   * @param {Function} handlers.message data => void: a frame from the current socket
   * @param {Function} handlers.reset () => void: the socket changed; forget what belonged to the old one
   * @param {Function} handlers.status status => void: 'connecting' | 'offline' | 'resyncing'
   */
  constructor(url, options, handlers) {
    this.url = url;
    this.WebSocket = options.WebSocket;
    this._setTimeout = options.setTimeout;
    this._clearTimeout = options.clearTimeout;
    this._pingMs = options.pingIntervalMs;
    this._backoffMin = options.backoffMinMs;
    this._backoffMax = options.backoffMaxMs;
    this._h = handlers;
    this.ws = null;
    this.closed = false;
    /** The next join asks for the whole document (since = -1). */
    this.resyncPending = false;
    this._backoff = this._backoffMin;
    this._reconnectTimer = null;
    this._pingTimer = null;
    this._silentPings = 0;
    this._pingCount = 0;
  }

  /** Opens the socket (and keeps reopening it until close()). */
  connect() {
    if (this.closed) throw new Error('this LiveClient is closed');
    if (this.ws || this._reconnectTimer !== null) return;
    this._open();
  }

  /** Closes for good. */
  close() {
    this.closed = true;
    this._drop();
    this._cancel('_reconnectTimer');
  }

  /** Sends a message if the socket is open; returns whether it did. */
  send(message) {
    const ws = this.ws;
    if (!ws || ws.readyState !== OPEN) return false;
    ws.send(JSON.stringify(message));
    return true;
  }

  /** The server accepted the join: the next reconnect starts with the shortest delay. */
  joined() {
    this._backoff = this._backoffMin;
  }

  /** Drops the socket and connects again after the backoff; resync: with since = -1. */
  reconnect(resync) {
    if (resync) this.resyncPending = true;
    this._drop();
    if (this.closed) return;
    this._h.status(resync ? 'resyncing' : 'offline');
    this._scheduleReconnect();
  }

  _open() {
    this._reconnectTimer = null;
    if (this.closed) return;
    this._h.status(this.resyncPending ? 'resyncing' : 'connecting');
    let ws;
    try {
      ws = new this.WebSocket(this.url);
    } catch {
      this._h.status('offline');
      this._scheduleReconnect();
      return;
    }
    this.ws = ws;
    this._h.reset();
    ws.onopen = () => {
      if (ws !== this.ws) return;
      this._silentPings = 0;
      this._h.opened();
      this._schedulePing();
    };
    ws.onmessage = (event) => {
      if (ws !== this.ws) return;
      this._silentPings = 0;
      this._h.message(event.data);
    };
    ws.onclose = () => {
      if (ws !== this.ws) return;
      this._detach();
      this._h.status(this.resyncPending ? 'resyncing' : 'offline');
      this._scheduleReconnect();
    };
    ws.onerror = () => {}; // a close event follows
  }

  _detach() {
    const ws = this.ws;
    this.ws = null;
    this._cancel('_pingTimer');
    this._h.reset();
    return ws;
  }

  _drop() {
    const ws = this._detach();
    if (!ws) return;
    ws.onopen = ws.onmessage = ws.onclose = ws.onerror = null;
    try {
      ws.close();
    } catch {
      // already closed
    }
  }

  _scheduleReconnect() {
    if (this.closed || this._reconnectTimer !== null) return;
    const delay = this._backoff;
    this._backoff = Math.min(delay * 2, this._backoffMax);
    this._reconnectTimer = this._setTimeout(() => this._open(), delay);
  }

  _schedulePing() {
    this._cancel('_pingTimer');
    this._pingTimer = this._setTimeout(() => {
      this._pingTimer = null;
      if (!this.ws) return;
      // Two intervals without a word from the server: the connection is dead.
      if (this._silentPings >= 2) {
        this.reconnect(false);
        return;
      }
      this._silentPings++;
      this.send({ type: 'ping', t: ++this._pingCount });
      this._schedulePing();
    }, this._pingMs);
  }

  _cancel(field) {
    if (this[field] !== null) {
      this._clearTimeout(this[field]);
      this[field] = null;
    }
  }
}
