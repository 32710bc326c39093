// Every interface string bundle (web/js/strings/*.js, read from the folder so that new bundles are
// checked too): English, French and Spanish have the same keys, the same {placeholders}, no empty
// text, complete .one/.other plural pairs, and no key is defined by two bundles with different text.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';

const here = path.dirname(fileURLToPath(import.meta.url));
const STRINGS = path.resolve(here, '../../../../web/js/strings');
const LANGUAGES = ['en', 'fr', 'es'];

const files = (await readdir(STRINGS)).filter((name) => name.endsWith('.js')).sort();
const bundles = await Promise.all(files.map(async (name) => ({
  name,
  bundle: (await import(pathToFileURL(path.join(STRINGS, name)).href)).default,
})));

const placeholders = (text) => [...String(text).matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

test('there are bundles to check', () => {
  assert.ok(files.length >= 5, `only ${files.length} bundles in ${STRINGS}`);
});

for (const { name, bundle } of bundles) {
  test(`${name}: en, fr and es have exactly the same keys`, () => {
    for (const code of LANGUAGES) assert.equal(typeof bundle?.[code], 'object', `${name} has no ${code}`);
    assert.deepEqual(Object.keys(bundle).sort(), [...LANGUAGES].sort(), `${name}: languages other than en, fr, es`);
    const english = Object.keys(bundle.en).sort();
    for (const code of ['fr', 'es']) {
      const keys = Object.keys(bundle[code]).sort();
      assert.deepEqual(english.filter((k) => !keys.includes(k)), [], `${name}: missing in ${code}`);
      assert.deepEqual(keys.filter((k) => !english.includes(k)), [], `${name}: in ${code} but not in en`);
    }
  });

  test(`${name}: no empty text, and the same {placeholders} in every language`, () => {
    for (const code of LANGUAGES) {
      for (const [key, text] of Object.entries(bundle[code])) {
        assert.equal(typeof text, 'string', `${name} ${code} ${key} is not a string`);
        assert.notEqual(text.trim(), '', `${name} ${code} ${key} is empty`);
        assert.deepEqual(placeholders(text), placeholders(bundle.en[key]), `${name} ${code} ${key}: placeholders differ from English`);
      }
    }
  });

  test(`${name}: plurals come as complete .one/.other pairs`, () => {
    for (const code of LANGUAGES) {
      // tn(key, n) reads key.one or key.other with {n}: every .one needs its .other, and every
      // .other that counts ({n}) its .one. (A plain ".other" key, such as a kind "other", is no plural.)
      for (const [key, text] of Object.entries(bundle[code])) {
        const m = /^(.*)\.(one|other)$/.exec(key);
        if (!m || (m[2] === 'other' && !placeholders(text).includes('n'))) continue;
        const pair = `${m[1]}.${m[2] === 'one' ? 'other' : 'one'}`;
        assert.ok(pair in bundle[code], `${name} ${code}: ${key} without ${pair}`);
      }
    }
  });
}

test('a key defined by two bundles means the same in both', () => {
  const seen = new Map(); // "code key" → [bundle name, text]
  for (const { name, bundle } of bundles) {
    for (const code of LANGUAGES) {
      for (const [key, text] of Object.entries(bundle[code] ?? {})) {
        const earlier = seen.get(`${code} ${key}`);
        if (earlier) assert.equal(text, earlier[1], `${key} (${code}) differs between ${earlier[0]} and ${name}`);
        else seen.set(`${code} ${key}`, [name, text]);
      }
    }
  }
});

test('no module registers strings inline: every bundle lives in web/js/strings', async () => {
  const { readFile } = await import('node:fs/promises');
  const root = path.resolve(STRINGS, '..');
  const offenders = [];
  const walk = async (dir) => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (full !== STRINGS) await walk(full);
      } else if (entry.name.endsWith('.js') && /addStrings\(\s*\{/.test(await readFile(full, 'utf8'))) {
        offenders.push(path.relative(root, full));
      }
    }
  };
  await walk(root);
  assert.deepEqual(offenders, [], 'addStrings({…}) inline: move these strings into a bundle in web/js/strings');
});
