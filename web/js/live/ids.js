// Random ids: the client's id for one editing session and the ids of clauses it inserts.

const CLIENT_ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
// The server's own alphabet for clause ids (plenary.document.RandomIds): a-z and 2-9 without l, o.
const CLAUSE_ID_ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';

/** n random bytes from crypto.getRandomValues. */
export function defaultRandomBytes(n) {
  const bytes = new Uint8Array(n);
  globalThis.crypto.getRandomValues(bytes);
  return bytes;
}

/** A random string over alphabet, unbiased (rejection sampling). */
export function randomString(length, alphabet, randomBytes = defaultRandomBytes) {
  const limit = 256 - (256 % alphabet.length);
  let out = '';
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < limit) {
        out += alphabet[byte % alphabet.length];
        if (out.length === length) break;
      }
    }
  }
  return out;
}

/** 16 characters of A-Za-z0-9. */
export const newClientId = (randomBytes) => randomString(16, CLIENT_ID_ALPHABET, randomBytes);

/** 12 characters of the server's clause id alphabet. */
export const newClauseId = (randomBytes) => randomString(12, CLAUSE_ID_ALPHABET, randomBytes);
