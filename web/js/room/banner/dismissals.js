// Results a person has dismissed from a banner, kept for the browser tab's session, and where the
// focus goes once a banner is dismissed (the banner is hidden, so it cannot keep it).

export function dismissed(key) {
  try {
    return new Set(JSON.parse(sessionStorage.getItem(key) ?? '[]'));
  } catch {
    return new Set();
  }
}

export function dismiss(key, id) {
  const ids = dismissed(key);
  ids.add(id);
  try {
    sessionStorage.setItem(key, JSON.stringify([...ids]));
  } catch {
    // not kept: the banner comes back on the next page load
  }
}

/** The tab of the current view, just above the banners: the nearest stable place for the focus. */
export function focusCurrentTab() {
  document.querySelector('.room-tabs [aria-current="page"]')?.focus();
}
