// A fake network of WebSockets between LiveClients and the fake server: the test decides
// when each socket opens, each message is delivered and each connection drops.

export class Network {
  constructor(server, r) {
    this.server = server;
    this.r = r;
    this.sockets = [];
    this.sent = []; // every message a client sent: {owner, message}
    const net = this;
    this.WebSocket = class FakeWebSocket {
      constructor(url) {
        this.url = url;
        this.readyState = 0;
        this.c2s = [];
        this.s2c = [];
        this.conn = null;
        this.onopen = this.onmessage = this.onclose = this.onerror = null;
        net.sockets.push(this);
      }

      send(data) {
        if (this.readyState === 0) throw new Error('InvalidStateError: still connecting');
        if (this.readyState === 1) {
          this.c2s.push(data);
          net.sent.push({ owner: this.owner, message: JSON.parse(data) });
        }
      }

      close() {
        net.clientClose(this);
      }
    };
  }

  live() {
    return this.sockets.filter((s) => s.readyState !== 3 || s.s2c.length > 0);
  }

  open(s, fail = false) {
    if (fail) {
      s.readyState = 3;
      this.sockets.splice(this.sockets.indexOf(s), 1);
      s.onerror?.({});
      s.onclose?.({ code: 1006, reason: '' });
      return;
    }
    s.readyState = 1;
    s.conn = this.server.accept(s);
    s.onopen?.({});
  }

  deliverC2S(s) {
    const data = s.c2s.shift();
    this.server.onMessage(s.conn, data);
  }

  deliverS2C(s) {
    const item = s.s2c.shift();
    if (typeof item === 'object') {
      // The server closed the socket; messages sent before the close came first.
      s.readyState = 3;
      s.c2s = [];
      s.s2c = [];
      this.sockets.splice(this.sockets.indexOf(s), 1);
      s.onclose?.({ code: item.close, reason: item.reason });
      return;
    }
    if (s.readyState === 1 || s.readyState === 2) s.onmessage?.({ data: item });
  }

  /** The client closed: what it sent before still reaches the server. */
  clientClose(s) {
    if (s.readyState === 3) return;
    if (s.readyState === 1) {
      while (s.c2s.length > 0) this.deliverC2S(s);
      this.server.onClose(s.conn);
    }
    s.readyState = 3;
    s.s2c = [];
    this.sockets.splice(this.sockets.indexOf(s), 1);
  }

  /** The network drops the connection: some of what was sent arrives, the rest is lost. */
  drop(s, keep = this.r.int(s.c2s.length + 1)) {
    if (s.readyState === 1) {
      for (let i = 0; i < keep; i++) this.deliverC2S(s);
      this.server.onClose(s.conn);
    }
    s.readyState = 3;
    s.c2s = [];
    s.s2c = [];
    this.sockets.splice(this.sockets.indexOf(s), 1);
    s.onclose?.({ code: 1006, reason: '' });
  }
}
