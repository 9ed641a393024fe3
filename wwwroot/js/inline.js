// Inline editors for a line's text and an article's title. They survive re-renders (a patch from someone else
// re-renders the panes): each keeps its own value and remounts itself into the freshly rendered element.
// The text the user started from is kept as the operation's expected value, so a concurrent change is rejected
// by the server instead of being overwritten.
import { S } from './strings.js';
import { el } from './render.js';

class InlineEditor {
  constructor(start, { save, cancel }, className, hint) {
    this.start = start;
    this.value = start;
    this.callbacks = { save, cancel };
    this.stale = false;
    this.input = el('input', className);
    this.input.type = 'text';
    this.input.value = start;
    this.input.title = hint;
    this.input.spellcheck = false;
    this.input.addEventListener('input', () => { this.value = this.input.value; });
    this.input.addEventListener('keydown', e => {
      // Enter while an IME is composing (CJK input) confirms the composition, not the edit.
      if (e.isComposing || e.keyCode === 229) return;
      if (e.key === 'Enter') { e.preventDefault(); e.stopPropagation(); this.save(); }
      else if (e.key === 'Escape') { e.preventDefault(); e.stopPropagation(); this.cancel(); }
    });
    this.input.addEventListener('click', e => e.stopPropagation());
    this.input.addEventListener('dblclick', e => e.stopPropagation());
  }

  save() { this.callbacks.save(this.value, this.start); }

  cancel() { this.callbacks.cancel(); }

  /** Puts the editor into a freshly rendered target, keeping focus and caret. */
  get focused() { return document.activeElement === this.input; }

  place(target, replace, focus) {
    if (!target) return;
    const active = focus || !this.mounted;
    const { selectionStart, selectionEnd } = this.input;
    replace(target);
    if (active) {
      this.input.focus({ preventScroll: true });
      if (this.mounted) this.input.setSelectionRange(selectionStart, selectionEnd);
      else this.input.select();
    }
    this.mounted = true;
    this.input.classList.toggle('stale', this.stale);
  }
}

export class LineEditor extends InlineEditor {
  constructor(n, text, callbacks) {
    super(text, callbacks, 'line-editor', S.editing.lineHint);
    this.n = n;
  }

  remoteChanged(text) {
    if (text === this.start) return;
    this.stale = true;
    this.input.title = `${S.editing.changedWhileEditing}\n${S.editing.lineHint}`;
  }

  mount(row, focus) {
    this.place(row, target => {
      target.classList.add('editing');
      target.draggable = false;
      target.querySelector('.lt')?.replaceWith(this.input);
    }, focus);
  }
}

export class TitleEditor extends InlineEditor {
  constructor(key, title, callbacks) {
    super(title, callbacks, 'title-editor', S.editing.titleHint);
    this.key = key;
  }

  remoteChanged(title) {
    if (title === this.start) return;
    this.stale = true;
    this.input.title = `${S.editing.titleChangedWhileEditing}\n${S.editing.titleHint}`;
  }

  mount(heading, focus) {
    this.place(heading, target => target.replaceWith(this.input), focus);
  }
}
