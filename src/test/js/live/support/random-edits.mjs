// Random local edits and random network, server and timer steps for the convergence runs.

import * as ot from '../../../../../web/js/text-op.js';
import { LiveClientError } from '../../../../../web/js/live/live-client.js';
import { KINDS } from './doc-state.mjs';

const LETTERS = 'abcdefghijklmnopqrstuvwxyz     ';
const EXOTIC = ['é', 'ß', '中', '😀', '👍🏽', '\u0301', '"', '\\', '\n'];

function codePointBoundaries(text) {
  const out = [0];
  for (let i = 0; i < text.length;) {
    const c = text.charCodeAt(i);
    i += c >= 0xd800 && c <= 0xdbff && i + 1 < text.length ? 2 : 1;
    out.push(i);
  }
  return out;
}

// A unique marker: random text is lowercase, so a second copy of a token can only come from
// applying an insert twice (deletions cannot forge one: each token's letters occur only in it).
function newToken(r, tokens) {
  let token = '{';
  for (let i = 0; i < 10; i++) token += String.fromCharCode(65 + r.int(26));
  token += '}';
  tokens.add(token);
  return token;
}

function randomText(r, tokens) {
  if (r.chance(0.03)) {
    // a paste: long enough to be split when messages are small
    const token = newToken(r, tokens);
    let s = '';
    const n = 20 + r.int(100);
    while (s.length < n) s += r.chance(0.1) ? r.pick(EXOTIC) : LETTERS[r.int(LETTERS.length)];
    return s + token + s;
  }
  if (r.chance(0.25)) return newToken(r, tokens);
  let s = '';
  const n = 1 + r.int(5);
  for (let i = 0; i < n; i++) s += r.chance(0.1) ? r.pick(EXOTIC) : LETTERS[r.int(LETTERS.length)];
  return s;
}

function randomTextEdit(r, text, tokens) {
  const bounds = codePointBoundaries(text);
  const a = r.pick(bounds);
  const b = r.pick(bounds);
  const [from, to] = a <= b ? [a, b] : [b, a];
  const longText = text.length > 60;
  const mode = r.weighted([[longText ? 2 : 6, 'insert'], [longText ? 5 : 2, 'delete'], [2, 'replace']]);
  const op = [];
  if (from > 0) op.push(from);
  if (mode !== 'delete') op.push(randomText(r, tokens));
  if (mode !== 'insert' && to > from) op.push(-(Math.min(to - from, 12)));
  // a delete must not end inside a surrogate pair
  const norm = ot.normalize(op);
  try {
    ot.validateAgainst(text, norm);
    return norm;
  } catch {
    return ot.normalize(from > 0 ? [from, 'x'] : ['x']);
  }
}

export const TEXT_HEAVY = [[70, 'text'], [8, 'replace'], [7, 'insert'], [4, 'delete'], [5, 'move'], [4, 'kind'], [2, 'presence']];
export const STRUCTURE_HEAVY = [[30, 'text'], [5, 'replace'], [20, 'insert'], [15, 'delete'], [15, 'move'], [10, 'kind'], [2, 'presence']];

export function localAction(w, c, tokens, weights = TEXT_HEAVY) {
  const r = w.r;
  const clauses = c.clauses;
  const who = `c${c.index}`;
  try {
    if (clauses.length === 0) {
      const id = c.insertClause(null, r.pick(['operative', 'preambular']), randomText(r, tokens));
      w.log(`${who} insert ${id} at top`);
      return;
    }
    const hot = clauses.slice(0, Math.min(3, clauses.length));
    const action = r.weighted(weights);
    switch (action) {
      case 'text': {
        const cl = r.chance(0.7) ? r.pick(hot) : r.pick(clauses);
        const op = randomTextEdit(r, cl.text, tokens);
        c.editText(cl.id, op);
        w.log(`${who} edit ${cl.id} ${JSON.stringify(op)}`);
        break;
      }
      case 'replace': {
        const cl = r.pick(hot);
        const text = cl.text;
        const bounds = codePointBoundaries(text);
        const at = r.pick(bounds);
        const next = text.slice(0, at) + randomText(r, tokens) + text.slice(at);
        c.replaceText(cl.id, next);
        w.log(`${who} replace ${cl.id}`);
        break;
      }
      case 'insert': {
        const after = r.chance(0.15) ? null : r.pick(clauses).id;
        const id = c.insertClause(after, r.pick(KINDS), r.chance(0.3) ? '' : randomText(r, tokens));
        w.log(`${who} insert ${id} after ${after}`);
        break;
      }
      case 'delete': {
        if (clauses.length < 3) return;
        const cl = r.pick(clauses);
        c.deleteClause(cl.id);
        w.log(`${who} delete ${cl.id}`);
        break;
      }
      case 'move': {
        const cl = r.pick(clauses);
        const after = r.chance(0.2) ? null : r.pick(clauses).id;
        c.moveClause(cl.id, after);
        w.log(`${who} move ${cl.id} after ${after}`);
        break;
      }
      case 'kind': {
        const cl = r.pick(clauses);
        c.setKind(cl.id, r.pick(KINDS));
        w.log(`${who} set-kind ${cl.id}`);
        break;
      }
      default: {
        const cl = r.pick(clauses);
        c.setPresence(cl.id, r.int(cl.text.length + 1));
      }
    }
  } catch (e) {
    if (!(e instanceof LiveClientError)) throw e; // the rules refused it locally: fine
  }
}

export function randomStep(w, tokens, p) {
  const r = w.r;
  const net = w.net;
  const server = w.server;
  const step = r.weighted([
    [p.edit, 'edit'], [20, 'c2s'], [25, 's2c'], [6, 'open'], [5, 'join'], [8, 'persist'], [8, 'tick'],
    [4, 'timer'], [p.drop, 'drop'], [p.restart, 'restart'], [p.resync, 'resync'], [p.slow, 'slow'],
  ]);
  switch (step) {
    case 'edit':
      localAction(w, r.pick(w.clients), tokens, p.actions);
      return;
    case 'c2s': {
      const s = net.sockets.filter((x) => x.c2s.length > 0 && x.readyState === 1);
      if (s.length) net.deliverC2S(r.pick(s));
      return;
    }
    case 's2c': {
      const s = net.sockets.filter((x) => x.s2c.length > 0);
      if (s.length) net.deliverS2C(r.pick(s));
      return;
    }
    case 'open': {
      const s = net.sockets.filter((x) => x.readyState === 0);
      if (s.length) net.open(r.pick(s), r.chance(0.1));
      return;
    }
    case 'join': {
      const conns = [...server.conns].filter((c) => c.joinSince !== null);
      if (conns.length) server.replyJoin(r.pick(conns));
      return;
    }
    case 'persist':
      server.persist(r.chance(p.writeFailure));
      return;
    case 'tick':
      server.tick();
      return;
    case 'timer':
      w.clock.fireNext();
      return;
    case 'drop': {
      const s = net.sockets.filter((x) => x.readyState === 1);
      if (s.length) {
        w.log('network drop');
        net.drop(r.pick(s));
      }
      return;
    }
    case 'restart':
      w.log('server restart');
      server.restart();
      return;
    case 'resync':
      w.log('server resync');
      for (const conn of server.conns) server.send(conn, { type: 'resync', reason: 'test' });
      return;
    case 'slow': {
      const conns = [...server.conns];
      if (conns.length) {
        w.log('slow consumer closed');
        server.close(r.pick(conns), 4000, 'resync: too far behind');
      }
      return;
    }
    default:
  }
}
