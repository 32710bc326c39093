// Minimal DOM builder. Strings always become text nodes, never HTML.

/**
 * h('p', { class: 'x', dir: 'auto' }, 'text', childNode, [more, children])
 * Attributes with null/undefined/false values are skipped; true sets an empty attribute.
 */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs ?? {})) {
    if (value == null || value === false) continue;
    if (name === 'class') el.className = value;
    else el.setAttribute(name, value === true ? '' : String(value));
  }
  appendChildren(el, children);
  return el;
}

function appendChildren(el, children) {
  for (const child of children) {
    if (child == null || child === false) continue;
    if (Array.isArray(child)) appendChildren(el, child);
    else el.append(child); // append() turns strings into text nodes
  }
}
