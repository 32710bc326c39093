// Brings an element to the middle of the screen: smoothly, unless the reader asked for less motion.

const reduced = globalThis.matchMedia?.('(prefers-reduced-motion: reduce)');

export function scrollToCentre(element) {
  element.scrollIntoView({ behavior: reduced?.matches ? 'auto' : 'smooth', block: 'center' });
}
