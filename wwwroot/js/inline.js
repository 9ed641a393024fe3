// Inline editors for a line's text and an article's title. They survive repaints (a patch from someone else repaints
// the row or card): each keeps its own input and value and remounts itself into the freshly built element.
// The text the user started from is kept as the operation's expected value, so a concurrent change is refused by the
// server instead of being overwritten; textedits.js decides what happens to the typed text then.
import { S } from './strings.js';
import { el } from './render.js';

class InlineEditor {
  /** start: the text the edit is against (the operation's expected value); value: what the input starts with. */
  constructor(start, value, { save, cancel }, className, hint) {
    this.start = start;
    this.value = value;
    this.callbacks = { save, cancel };
    this.stale = false;
    this.hint = hint;
    this.input = el('input', className);
    this.input.type = 'text';
    this.input.value = value;
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

  cancel() { this.callbacks.cancel(this.value, this.start); }

  /** True when the input holds something other than the text it edits. */
  get changed() { return this.value !== this.start; }

  get focused() { return document.activeElement === this.input; }

  /** The text underneath changed: the edit is stale unless it is back to what the edit started from. */
  remoteChanged(text, warning) {
    this.stale = text !== this.start;
    this.input.title = this.stale ? `${warning}\n${this.hint}` : this.hint;
    this.input.classList.toggle('stale', this.stale);
  }

  /** Edits against `text` from now on (the user chose to merge by hand); what was typed stays. */
  rebase(text) {
    this.start = text;
    this.stale = false;
    this.input.title = this.hint;
    this.input.classList.remove('stale');
  }

  /** Puts the editor into a freshly rendered target; focus: take the focus (the first mount always does). */
  place(target, replace, focus) {
    if (!target) return;
    const active = focus || !this.mounted;
    replace(target);
    if (active) {
      this.input.focus({ preventScroll: true });
      if (!this.mounted) this.input.select();
    }
    this.mounted = true;
    this.input.classList.toggle('stale', this.stale);
  }
}

export class LineEditor extends InlineEditor {
  constructor(n, start, value, callbacks) {
    super(start, value, callbacks, 'line-editor', S.editing.lineHint);
    this.n = n;
    /** While merging by hand: the line's current text, shown beside the editor. */
    this.merging = null;
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
  constructor(key, start, value, callbacks) {
    super(start, value, callbacks, 'title-editor', S.editing.titleHint);
    this.key = key;
  }

  mount(heading, focus) {
    this.place(heading, target => target.replaceWith(this.input), focus);
  }
}
