// UTF-16 surrogate pairs: the text operations count code units and must never cut a pair.

/** A high (leading) surrogate. */
export const isHigh = (code) => code >= 0xd800 && code <= 0xdbff;

/** A low (trailing) surrogate. */
export const isLow = (code) => code >= 0xdc00 && code <= 0xdfff;
