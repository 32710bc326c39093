// Tiny, safe inline Markdown for clause text.
//   *x* or _x_ → <em>, **x** → <strong>, [text](http(s)://…) → <a>, [^n] → <sup>n</sup>
// Everything else (including links to other schemes) stays literal text.
// Never parses HTML: output is built only with createElement / createTextNode.

const ESCAPABLE = new Set(['\\', '*', '_', '[', ']', '(', ')', '^']);
const FOOTNOTE_REF = /\[\^([^\]\s]+)\]/y;
const LINK = /\[([^\]\n]*)\]\(([^)\s]*)\)/y;
const SAFE_URL = /^https?:\/\/\S+$/i;
const SPACE = /\s/;
const WORD = /[\p{L}\p{N}]/u;
const MAX_DEPTH = 8;

/** Parse clause text into a small token tree (plain data, no DOM). */
export function parseInline(src, depth = 0) {
  src = String(src ?? '');
  if (depth >= MAX_DEPTH) return src ? [{ type: 'text', text: src }] : [];
  const out = [];
  let text = '';
  const push = (token) => {
    if (text) out.push({ type: 'text', text });
    text = '';
    out.push(token);
  };
  const inner = (from, to) => parseInline(src.slice(from, to), depth + 1);

  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (c === '\\' && ESCAPABLE.has(src[i + 1])) {
      text += src[i + 1];
      i += 2;
      continue;
    }
    if (c === '*' && src[i + 1] === '*') {
      const end = opens(src, i + 1) ? findClose(src, '**', i + 2) : -1;
      if (end > 0) {
        push({ type: 'strong', children: inner(i + 2, end) });
        i = end + 2;
      } else {
        text += '**';
        i += 2;
      }
      continue;
    }
    if ((c === '*' || c === '_') && opens(src, i)) {
      const end = findClose(src, c, i + 1);
      if (end > 0) {
        push({ type: 'em', children: inner(i + 1, end) });
        i = end + 1;
        continue;
      }
    }
    if (c === '[') {
      const ref = matchAt(FOOTNOTE_REF, src, i);
      if (ref) {
        push({ type: 'footnote-ref', label: ref[1] });
        i += ref[0].length;
        continue;
      }
      const link = matchAt(LINK, src, i);
      if (link) {
        if (SAFE_URL.test(link[2])) {
          push({ type: 'link', href: link[2], children: inner(i + 1, i + 1 + link[1].length) });
        } else {
          text += link[0];
        }
        i += link[0].length;
        continue;
      }
    }
    text += c;
    i += 1;
  }
  if (text) out.push({ type: 'text', text });
  return out;
}

/** Turn clause text into a DocumentFragment of safe DOM nodes. */
export function inlineMarkdown(src, doc = globalThis.document) {
  const fragment = doc.createDocumentFragment();
  appendTokens(fragment, parseInline(src), doc);
  return fragment;
}

function appendTokens(parent, tokens, doc) {
  for (const token of tokens) {
    let node;
    switch (token.type) {
      case 'em':
      case 'strong':
        node = doc.createElement(token.type);
        appendTokens(node, token.children, doc);
        break;
      case 'link':
        node = doc.createElement('a');
        node.setAttribute('href', token.href);
        node.setAttribute('rel', 'noopener noreferrer nofollow');
        appendTokens(node, token.children, doc);
        break;
      case 'footnote-ref':
        node = doc.createElement('sup');
        node.className = 'footnote-ref';
        node.textContent = token.label;
        break;
      default:
        node = doc.createTextNode(token.text);
    }
    parent.append(node);
  }
}

// An emphasis delimiter at i opens only if followed by non-space
// (and, for "_", not in the middle of a word such as snake_case).
function opens(src, i) {
  const next = src[i + 1];
  if (next === undefined || SPACE.test(next)) return false;
  return src[i] !== '_' || !WORD.test(src[i - 1] ?? '');
}

function findClose(src, delim, from) {
  for (let j = src.indexOf(delim, from); j !== -1; j = src.indexOf(delim, j + 1)) {
    if (j === from || SPACE.test(src[j - 1]) || src[j - 1] === '\\') continue;
    if (delim.length === 2) {
      while (src[j + 2] === '*') j += 1; // "***": close on the last pair
      return j;
    }
    if (src[j - 1] === delim || src[j + 1] === delim) continue; // part of "**" / "__"
    if (delim === '_' && WORD.test(src[j + 1] ?? '')) continue;
    return j;
  }
  return -1;
}

function matchAt(re, src, i) {
  re.lastIndex = i;
  return re.exec(src);
}
