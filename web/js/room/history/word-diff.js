// Word-level difference between two clause texts: the longest common subsequence over tokens, so a
// changed word shows as one deletion and one insertion rather than as scattered letters. Clause
// texts are short (a few hundred tokens), so the quadratic table is fine; beyond MAX_CELLS the
// middle is replaced whole.
//
// The tokens are words found by Unicode word segmentation (Intl.Segmenter, with the dictionaries
// for Chinese, Japanese and Thai, which are written without spaces), and the runs of spaces,
// punctuation and typed symbols between them, each run one token. The server
// (plenary.amendment.Words, ICU) tokenises the same way, so the panel shows the same changes as the
// compilation; src/test/resources/plenary/words/vectors.json holds the cases both are checked against.

const MAX_CELLS = 4_000_000;
// 'und': no particular language's rules, as on the server, whatever the page's language.
const SEGMENTER = new Intl.Segmenter('und', { granularity: 'word' });
// Spaces, punctuation and the keyboard's symbols (not emoji, which are words here).
const SEPARATOR = /^[\p{White_Space}\p{P}\p{Sm}\p{Sc}\p{Sk}]+$/u;

/** Splits a text into the tokens the diff compares; joining them gives the text back. */
export function tokens(text) {
  const out = [];
  let separator = '';
  for (const { segment } of SEGMENTER.segment(String(text ?? ''))) {
    if (SEPARATOR.test(segment)) {
      separator += segment;
      continue;
    }
    if (separator) out.push(separator);
    separator = '';
    out.push(segment);
  }
  if (separator) out.push(separator);
  return out;
}

/**
 * [{kind: 'equal'|'insert'|'delete', text}] turning oldText into newText, neighbours of one kind
 * merged; a deletion comes before the insertion that replaces it. equal+delete parts give oldText,
 * equal+insert parts give newText.
 */
export function wordDiff(oldText, newText) {
  const a = tokens(oldText);
  const b = tokens(newText);
  // The common ends cost nothing and keep the table small.
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) { endA--; endB--; }

  const parts = [];
  const push = (kind, text) => {
    if (!text) return;
    const last = parts[parts.length - 1];
    if (last && last.kind === kind) last.text += text;
    else parts.push({ kind, text });
  };
  push('equal', a.slice(0, start).join(''));
  middle(a.slice(start, endA), b.slice(start, endB), push);
  push('equal', a.slice(endA).join(''));
  return order(parts);
}

function middle(a, b, push) {
  const n = a.length;
  const m = b.length;
  if (n === 0 || m === 0 || n * m > MAX_CELLS) {
    push('delete', a.join(''));
    push('insert', b.join(''));
    return;
  }
  // lcs[i][j]: length of the longest common subsequence of a[i..] and b[j..].
  const width = m + 1;
  const lcs = new Uint32Array((n + 1) * width);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i * width + j] = a[i] === b[j]
        ? lcs[(i + 1) * width + j + 1] + 1
        : Math.max(lcs[(i + 1) * width + j], lcs[i * width + j + 1]);
    }
  }
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      push('equal', a[i]);
      i++; j++;
    } else if (lcs[(i + 1) * width + j] >= lcs[i * width + j + 1]) {
      push('delete', a[i++]);
    } else {
      push('insert', b[j++]);
    }
  }
  while (i < n) push('delete', a[i++]);
  while (j < m) push('insert', b[j++]);
}

/** Within each run of changes, the deletions first, then the insertions (one of each at most). */
function order(parts) {
  const out = [];
  let del = '';
  let ins = '';
  const flush = () => {
    if (del) out.push({ kind: 'delete', text: del });
    if (ins) out.push({ kind: 'insert', text: ins });
    del = ins = '';
  };
  for (const p of parts) {
    if (p.kind === 'delete') del += p.text;
    else if (p.kind === 'insert') ins += p.text;
    else {
      flush();
      out.push(p);
    }
  }
  flush();
  return out;
}
