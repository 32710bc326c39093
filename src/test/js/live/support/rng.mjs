// A small seeded random number generator (mulberry32) with helpers for the tests.

export function makeRng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const r = {
    next,
    int: (n) => Math.floor(next() * n),
    chance: (p) => next() < p,
    pick: (items) => items[Math.floor(next() * items.length)],
    bytes: (n) => Uint8Array.from({ length: n }, () => Math.floor(next() * 256)),
    weighted: (table) => {
      const total = table.reduce((s, [w]) => s + w, 0);
      let x = next() * total;
      for (const [w, v] of table) {
        if ((x -= w) < 0) return v;
      }
      return table[table.length - 1][1];
    },
  };
  return r;
}
