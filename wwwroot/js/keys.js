// Every keyboard shortcut of the editor, in one table (the help overlay, strings help.rows.*, lists the same keys).
// A binding is [keys, when, run]: the keys it answers, whether it applies now, and what it does. Keys are written as
// KeyboardEvent.key names ('s', 'S', '?', 'Enter'), with Mod+ for Ctrl or ⌘, Alt+, and Shift+ for named keys and
// with Mod (a letter's Shift shows in its name), and Digit for 1–9 on the top row or the keypad. The first binding
// that applies wins and the key's default is prevented; a run that returns false passes the key on. The inline
// editors' own Enter/Escape stay with the editors (inline.js), and dialogs keep their keys.
import { S } from './strings.js';
import { toast, showHelp } from './ui.js';

function combo(e) {
  const digit = /^(?:Digit|Numpad)[1-9]$/.test(e.code);
  const mod = e.ctrlKey || e.metaKey;
  let key = digit ? 'Digit' : e.key;
  const named = key.length > 1;
  if (mod && !named) key = key.toLowerCase();
  return `${mod ? 'Mod+' : ''}${e.altKey ? 'Alt+' : ''}${e.shiftKey && (named || mod) ? 'Shift+' : ''}${key}`;
}

const digitOf = e => Number(/[1-9]$/.exec(e.code)?.[0] ?? 0);

const CARET = { ArrowLeft: 'left', ArrowRight: 'right', ArrowUp: 'up', ArrowDown: 'down', Home: 'home', End: 'end' };

/** wb: the editor (editor.js): its panes, view, editing, tagging and actions. */
export function bindKeys(wb) {
  const t = wb.tagging.actions;
  const always = () => true;
  const inLines = e => e.target === wb.linesEl;
  const inCards = e => e.target === document.body || e.target === wb.articlesEl;
  const focusKey = () => wb.view.focusKey ?? t.selectionKey;
  const label = e => t.labelFor(digitOf(e));

  const bindings = [
    // Undo and redo of the user's own changes.
    ['Mod+z', always, () => wb.editing.undo()],
    ['Mod+Shift+z Mod+y Mod+Shift+y', always, () => wb.editing.redo()],

    // The lines pane, when it has the focus: move the selection, correct the selected line.
    ['ArrowDown Shift+ArrowDown', inLines, e => wb.moveSelection(1, e.shiftKey)],
    ['ArrowUp Shift+ArrowUp', inLines, e => wb.moveSelection(-1, e.shiftKey)],
    ['Enter', e => inLines(e) && wb.view.head != null, () => wb.startLineEdit(wb.view.head)],
    // A card's title, when it has the focus: edit it.
    ['Enter Shift+Enter', e => e.target.matches?.('h2.title'), e => wb.startTitleEdit(Number(e.target.closest('.card').dataset.key))],

    // Tagging: Escape steps back (popover, then text selection, then caret).
    ['Escape', always, () => t.escape()],
    // The active entity (its popover is open): relabel, delete, tag every occurrence.
    ['Digit', e => t.activeEntity && label(e), e => t.relabelActive(label(e))],
    ['Delete Backspace', () => t.activeEntity, () => t.removeActive()],
    ['g', () => t.activeEntity, () => t.tagAllOfActive(true)],
    ['G', () => t.activeEntity, () => t.tagAllOfActive(false)],
    // The active suggestion: accept, reject.
    ['Enter', () => t.activeSuggestion, () => t.acceptActive()],
    ['Delete Backspace', () => t.activeSuggestion, () => t.rejectActive()],
    // A label's hotkey tags the text selection (Shift: every occurrence in the article).
    ['Digit Shift+Digit', e => label(e) && t.selecting && !t.hasRange(), () => toast('info', S.tagging.noSelection)],
    ['Digit Shift+Digit', e => label(e) && t.hasRange(), e => t.tagRange(label(e), e.shiftKey)],
    // The caret in a card.
    ['ArrowLeft ArrowRight ArrowUp ArrowDown Home End Shift+ArrowLeft Shift+ArrowRight Shift+ArrowUp Shift+ArrowDown Shift+Home Shift+End',
      () => t.caret, e => t.moveCaret(CARET[e.key], e.shiftKey)],
    // In the focused article: a caret, the next entity, the next suggestion.
    ['e E', () => focusKey() != null, () => t.startCaret(focusKey())],
    ['Tab Shift+Tab', e => focusKey() != null && inCards(e), e => t.stepEntity(focusKey(), e.shiftKey ? -1 : 1)],
    ['n', () => focusKey() != null, () => t.stepSuggestion(focusKey(), 1)],
    ['p', () => focusKey() != null, () => t.stepSuggestion(focusKey(), -1)],

    // Boundaries and the rest.
    ['s S', always, () => wb.split()],
    ['m', always, () => wb.merge(-1)],
    ['M', always, () => wb.merge(1)],
    ['a', always, () => wb.move()],
    ['t', always, () => { const article = wb.currentArticle(); if (article) wb.startTitleEdit(article.key); }],
    ['o', always, () => wb.toolbar.toggleOriginal()],
    ['?', always, () => showHelp()],
    ['Escape', always, () => wb.clearSelection()],
  ].map(([keys, when, run]) => ({ keys: new Set(keys.split(' ')), when, run }));

  document.addEventListener('keydown', e => {
    if (e.isComposing || e.defaultPrevented) return;
    if (document.querySelector('dialog[open]')) return;
    if (e.target.closest?.('input, textarea, select, [contenteditable="true"]')) return;
    const pressed = combo(e);
    for (const binding of bindings) {
      if (!binding.keys.has(pressed) || !binding.when(e)) continue;
      if (binding.run(e) === false) continue;
      e.preventDefault();
      return;
    }
  });
}
