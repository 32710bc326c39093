// Errors the live client throws at its caller.

/** A local change the document's rules forbid; `code` is the server's error code for it. */
export class LiveClientError extends Error {
  constructor(code, message) {
    super(message);
    this.name = 'LiveClientError';
    this.code = code;
  }
}
