// A translated sentence with elements in it: "Signed in as {name}" with {name} a <strong>.
// The text around the placeholders stays text nodes (never HTML); word order is the translation's.

/** template: t(key) without params; parts: {placeholder: Node | string}. Returns an array for h(). */
export function fill(template, parts) {
  return String(template).split(/(\{\w+\})/).filter(Boolean).map((piece) => {
    const name = /^\{(\w+)\}$/.exec(piece)?.[1];
    return name && name in parts ? parts[name] : piece;
  });
}
