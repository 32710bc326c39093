// How the room cites an amendment: "A7", the number it was given when it was tabled
// (plenary.negotiation.Negotiation#label on the server), which never changes and is never given
// again, whatever becomes of it or of the others. A draft has none yet.

/** "A7" for an amendment ever tabled; null for a draft. */
export function amendmentNumber(amendment) {
  return Number.isInteger(amendment?.number) ? `A${amendment.number}` : null;
}
