// The revision slider: a labelled range input (arrow keys, Page Up/Down, Home/End) with previous
// and next buttons and the revision shown written out; aria-valuetext says the same to screen
// readers. onChange(revision) runs once the slider rests (debounced), so dragging or holding an
// arrow key does not fetch every revision on the way.

import { h } from '../../dom.js';
import { t } from '../../i18n.js';

const REST_MS = 250;

export class RevisionSlider {
  /** describe(revision) → the text for that revision; onChange(revision, {announce}). */
  constructor({ describe, onChange }) {
    this._describe = describe;
    this._onChange = onChange;
    this._timer = null;
    this.input = h('input', { type: 'range', id: 'history-revision', min: '0', max: '0', step: '1', value: '0' });
    this.previous = h('button', { type: 'button', class: 'history-slider__previous' }, h('span', { 'aria-hidden': 'true' }, '‹ '), t('history.previous'));
    this.next = h('button', { type: 'button', class: 'history-slider__next' }, t('history.next'), h('span', { 'aria-hidden': 'true' }, ' ›'));
    this.shown = h('p', { class: 'history-slider__shown', id: 'history-revision-shown' });
    this.element = h('div', { class: 'history-slider' },
      h('label', { for: 'history-revision' }, t('history.slider.label')),
      h('div', { class: 'history-slider__row' }, this.previous, this.input, this.next),
      this.shown);
    this.input.addEventListener('input', () => this._moved(false));
    this.previous.addEventListener('click', () => this.set(this.value - 1, { announce: true }));
    this.next.addEventListener('click', () => this.set(this.value + 1, { announce: true }));
  }

  get value() {
    return Number(this.input.value);
  }

  get max() {
    return Number(this.input.max);
  }

  /** New newest revision; the shown one stays where it is. */
  setMax(max) {
    this.input.max = String(max);
    this.refresh();
  }

  /** Moves to revision (clamped) as if the person had. */
  set(revision, { announce = false } = {}) {
    const r = Math.max(0, Math.min(this.max, revision));
    if (r === this.value) return;
    this.input.value = String(r);
    this._moved(announce);
  }

  /** Rewrites the texts (after the log or the names of clauses changed). */
  refresh() {
    const text = this._describe(this.value);
    this.input.setAttribute('aria-valuetext', text);
    this.shown.textContent = text;
    const focused = document.activeElement;
    this.previous.disabled = this.value <= 0;
    this.next.disabled = this.value >= this.max;
    // A button that just became disabled drops the focus: hand it to the slider instead.
    if (focused?.disabled && (focused === this.previous || focused === this.next)) this.input.focus();
  }

  destroy() {
    clearTimeout(this._timer);
  }

  _moved(announce) {
    this.refresh();
    clearTimeout(this._timer);
    this._timer = setTimeout(() => this._onChange(this.value, { announce }), REST_MS);
  }
}
