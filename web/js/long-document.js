// From how many paragraphs a view of the document lets the browser skip those far from the screen
// (content-visibility: auto on .clauses--long, css/room.css and style.css). On BrowserRoom's 1,000
// paragraphs a remote keystroke otherwise laid out every one of them again (41 ms in the read view).
// A shorter document is laid out whole, so every paragraph keeps its real size for whoever measures it.

export const LONG_DOCUMENT = 150;

/** Marks a view's container as long, or not, for the number of paragraphs it now shows. */
export function markLong(container, paragraphs) {
  container.classList.toggle('clauses--long', paragraphs >= LONG_DOCUMENT);
}
