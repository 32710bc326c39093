// A block of the page rebuilt only when what it shows changes (its key), which keeps the focus
// and whatever the person was typing across rebuilds: the focused element comes back by its
// data-focus name, and form fields marked data-keep get their values back. When the focused
// element is gone from the new content (the vote moved on, the procedure ended), the focus goes to
// the block's [data-focus-home] rather than falling to the page's body.

let wanted = null; // a data-focus name to focus as soon as it is on the page (after an action)
let wantedUntil = 0; // after a few seconds the wish lapses, so a late rebuild cannot steal the focus
const WISH_MS = 5000;

/** Focuses [data-focus=name] now if it is on the page, or when a block next renders it. */
export function focusLater(name) {
  if (!name) return;
  wanted = name;
  wantedUntil = Date.now() + WISH_MS;
  const el = document.querySelector(`[data-focus="${CSS.escape(name)}"]`);
  if (el) {
    el.focus();
    // A disabled button refuses the focus: keep the wish for the rebuild that enables it.
    if (document.activeElement === el) wanted = null;
  }
}

/**
 * element: the container; keyOf(): a string (or anything JSON-able) naming what is shown;
 * render(): the children; after(element): run after each rebuild (to sync shown/hidden parts).
 * Returns update(force): rebuilds when the key changed (or force).
 */
export function keyed(element, keyOf, render, after = () => {}) {
  let last;
  return function update(force = false) {
    const key = JSON.stringify(keyOf());
    if (!force && key === last) return;
    last = key;
    const hadFocus = element.contains(document.activeElement);
    const focused = hadFocus ? document.activeElement.closest('[data-focus]')?.dataset.focus : null;
    const values = saveValues(element);
    element.replaceChildren(...[render()].flat(Infinity).filter((c) => c != null && c !== false));
    restoreValues(element, values);
    after(element);
    if (wanted && Date.now() > wantedUntil) wanted = null;
    const name = wanted && element.querySelector(`[data-focus="${CSS.escape(wanted)}"]`) ? wanted : focused;
    const target = name && element.querySelector(`[data-focus="${CSS.escape(name)}"]`);
    target?.focus();
    if (target && document.activeElement === target) {
      if (name === wanted) wanted = null;
    } else if (hadFocus) {
      // gone, or disabled while busy
      element.querySelector('[data-focus-home]')?.focus();
    }
  };
}

const checkable = (el) => el.type === 'radio' || el.type === 'checkbox';
const keyOfField = (el) => (checkable(el) ? `${el.dataset.keep}\u0000${el.value}` : el.dataset.keep);

function saveValues(root) {
  const values = new Map();
  root.querySelectorAll('[data-keep]').forEach((el) => values.set(keyOfField(el), checkable(el) ? el.checked : el.value));
  return values;
}

function restoreValues(root, values) {
  root.querySelectorAll('[data-keep]').forEach((el) => {
    const k = keyOfField(el);
    if (!values.has(k)) return;
    if (checkable(el)) el.checked = values.get(k);
    else if (el.tagName !== 'SELECT' || [...el.options].some((o) => o.value === values.get(k))) el.value = values.get(k);
  });
}
