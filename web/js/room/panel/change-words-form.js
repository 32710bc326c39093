// "Change words": the suggestion-style way to table a modification. The words to change are
// chosen either by selecting them in the paragraph as it reads (clause-panel.js maps that
// selection here through selection-offsets.js), or, from the keyboard, by selecting them with
// Shift and the arrow keys in a read-only copy of the paragraph's text in this form. Then the
// replacement (empty deletes the words), a rationale, and "Save as draft" or "Table now".
//
// The form is kept while the person stays on the clause; when the text moves under it, the
// chosen words are looked for again near where they were (or the choice is dropped).

import { h } from '../../dom.js';
import { t } from '../../i18n.js';
import { draftOrTable, field, formNote, tableNow, uid } from './panel-kit.js';
import { snapToWords } from './selection-offsets.js';
import { submitAmendment } from './submit-amendment.js';

export function changeWordsForm(env) {
  const clauseId = env.clause.id;
  // Not the readonly attribute: Chrome gives a readonly textarea no caret, so the arrow keys could
  // not move through it nor Shift select. Edits are refused instead, and it is announced read-only.
  const source = h('textarea', {
    class: 'words-source', 'aria-readonly': 'true', rows: '6', dir: 'auto', name: 'source', id: uid('words-source'),
    spellcheck: 'false',
  });
  source.value = env.clause.text;
  source.addEventListener('beforeinput', (event) => event.preventDefault());
  source.addEventListener('input', () => { source.value = env.clause?.text ?? source.value; });
  const chosenOut = h('output', { class: 'words-chosen', for: source.id, 'aria-live': 'polite' }, t('panel.words.none'));
  const replacement = h('textarea', { rows: '2', dir: 'auto', name: 'replacement' });
  const rationale = h('textarea', { rows: '2', dir: 'auto', name: 'rationale' });
  const note = formNote();
  let chosen = null; // {start, end, words} in source.value

  const form = h('form', { class: 'panel-form words-form', novalidate: true, 'data-focus-key': 'words-form' },
    field(t('panel.words.source'), source, t('panel.words.sourceHint')),
    h('p', { class: 'words-chosen-line' }, chosenOut),
    field(t('panel.words.replacement'), replacement, t('panel.words.replacementHint')),
    field(t('panel.rationale'), rationale),
    note,
    draftOrTable());

  function choose(start, end) {
    const snapped = snapToWords(source.value, start, end);
    chosen = snapped ? { ...snapped, words: source.value.slice(snapped.start, snapped.end) } : null;
    chosenOut.textContent = chosen ? t('panel.words.chosen', { words: chosen.words }) : t('panel.words.none');
    if (chosen) note.textContent = '';
  }

  const fromTextarea = () => {
    if (source.selectionStart !== source.selectionEnd) choose(source.selectionStart, source.selectionEnd);
  };
  source.addEventListener('select', fromTextarea);
  source.addEventListener('keyup', fromTextarea);
  source.addEventListener('mouseup', fromTextarea);

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const clause = env.clause;
    if (!chosen) {
      note.textContent = t('panel.words.chooseFirst');
      source.focus();
      return;
    }
    const before = source.value.slice(0, chosen.start);
    const after = source.value.slice(chosen.end);
    const instead = replacement.value.trim();
    // Deleting words: do not leave two spaces (or a space before punctuation) where they were.
    let text = before + instead + after;
    if (!instead) {
      const left = before.replace(/\s+$/, '');
      const right = after.replace(/^\s+/, '');
      text = left && right && !/^[,;.:]/.test(right) ? `${left} ${right}` : left + right;
    }
    if (text === clause.text) {
      note.textContent = t('panel.words.same');
      replacement.focus();
      return;
    }
    const table = tableNow(event);
    const answer = await submitAmendment(env, null, {
      kind: 'modify', clauseId, text, baseVersion: clause.version, rationale: rationale.value.trim() || undefined,
    }, table);
    if (answer) {
      chosen = null;
      chosenOut.textContent = t('panel.words.none');
      replacement.value = '';
      rationale.value = '';
    }
  });

  return Object.assign(form, {
    /** The words start..end of the clause's source text were selected in the read view. */
    chooseRange(start, end) {
      source.setSelectionRange(start, end);
      choose(start, end);
    },
    /** The clause changed: follow its text, keeping the chosen words if they are still there. */
    sync(clause) {
      if (clause.text === source.value) return;
      const words = chosen?.words;
      const near = chosen?.start ?? 0;
      source.value = clause.text;
      chosen = null;
      chosenOut.textContent = t('panel.words.none');
      if (!words) return;
      let best = -1;
      for (let i = clause.text.indexOf(words); i >= 0; i = clause.text.indexOf(words, i + 1)) {
        if (best < 0 || Math.abs(i - near) < Math.abs(best - near)) best = i;
      }
      if (best >= 0) this.chooseRange(best, best + words.length);
      else note.textContent = t('panel.words.moved');
    },
  });
}
