// Inline text edits: the line and title editors, drafts kept when the user moves on, and conflicts when a line
// changed underneath an edit. Nothing typed is thrown away silently: starting another edit parks an unsaved one as a
// draft on its line (marked; a double-click goes back to it); a line changed by someone while it is being edited, or a
// saved edit the server refused, shows the line's new text beside the user's with Keep mine (a new edit against the
// new text), Take theirs, and Merge by hand (edit your text with theirs shown beside it); and the page asks before it
// is left with any of them (beforeunload).
import { S, fmt } from './strings.js';
import { el } from './render.js';
import { LineEditor, TitleEditor } from './inline.js';
import { lineByNumber, articleByKey } from './model.js';

/**
 * view(): the state as shown; painter: paint.js; editing: editing.js; afterClose(): where focus goes when a line editor
 * closes; onChange(): drafts or conflicts changed (toolbar, counts).
 */
export function createTextEdits({ view, painter, editing, afterClose }) {
  let lineEditor = null;
  let titleEditor = null;
  const lineDrafts = new Map();  // n -> {text, expected}
  const titleDrafts = new Map(); // key -> {text, expected}
  const conflicts = new Map();   // n -> {mine, now}

  const lineText = n => lineByNumber(view(), n)?.text ?? null;
  const repaintLine = n => painter.update({ lines: new Set([n]) });
  const repaintCard = key => painter.update({ cards: new Set([key]) });

  // --- lines --------------------------------------------------------------------------------------------------

  function parkLine() {
    if (!lineEditor) return;
    const editor = lineEditor;
    lineEditor = null;
    if (editor.merging != null) conflicts.set(editor.n, { mine: editor.value, now: editor.merging });
    else if (editor.changed) lineDrafts.set(editor.n, { text: editor.value, expected: editor.start });
    repaintLine(editor.n);
  }

  /** Opens the editor on line n: the draft or conflict the user left there, else the line's text. */
  function startLine(n) {
    if (lineEditor?.n === n) { lineEditor.input.focus(); return; }
    const current = lineText(n);
    if (current == null) return;
    parkTitle();
    parkLine();
    const draft = lineDrafts.get(n);
    const conflict = conflicts.get(n);
    lineDrafts.delete(n);
    conflicts.delete(n);
    const editor = new LineEditor(n, draft?.expected ?? current, conflict?.mine ?? draft?.text ?? current, {
      save: (text, expected) => saveLine(editor, text, expected),
      cancel: () => cancelLine(editor),
    });
    if (conflict) { editor.rebase(conflict.now); editor.merging = conflict.now; }
    else if (draft) editor.remoteChanged(current, S.editing.changedWhileEditing);
    lineEditor = editor;
    repaintLine(n);
    editor.mount(painter.row(n), true);
  }

  function saveLine(editor, text, expected) {
    if (lineEditor !== editor) return;
    lineEditor = null;
    conflicts.delete(editor.n);
    // Focus leaves the input first, while the layout is still clean: moved after the repaint, it forced a layout of
    // the changed panes inside the key's handler (7 ms of a 10 ms Enter on the sample page, measured in Chromium).
    afterClose();
    // The edit's echo repaints the row with the new text at once; an unchanged line just closes.
    if (text !== expected) editing.editLine(editor.n, expected, text); else repaintLine(editor.n);
  }

  function cancelLine(editor) {
    if (lineEditor !== editor) return;
    lineEditor = null;
    // Escape from merging by hand goes back to the choice; what was typed stays.
    if (editor.merging != null) conflicts.set(editor.n, { mine: editor.value, now: editor.merging });
    repaintLine(editor.n);
    afterClose();
  }

  /** Lines whose text changed on the server (someone else's change, or a catch-up). */
  function linesChanged(numbers) {
    for (const n of numbers) {
      const now = lineText(n);
      if (lineEditor?.n === n) {
        if (lineEditor.merging != null) lineEditor.merging = now;
        else lineEditor.remoteChanged(now, S.editing.changedWhileEditing);
      }
      const draft = lineDrafts.get(n);
      if (draft && draft.expected !== now) {
        lineDrafts.delete(n);
        conflicts.set(n, { mine: draft.text, now });
      }
      const conflict = conflicts.get(n);
      if (conflict) {
        if (conflict.mine === now) conflicts.delete(n); else conflict.now = now;
      }
    }
  }

  function keep(n) {
    const conflict = conflicts.get(n);
    const now = conflict?.now ?? lineText(n);
    if (lineEditor?.n === n) { conflicts.delete(n); lineEditor.start = now; lineEditor.save(); return; }
    if (!conflict) return;
    conflicts.delete(n);
    repaintLine(n);
    if (conflict.mine !== now) editing.editLine(n, now, conflict.mine);
  }

  function take(n) {
    if (lineEditor?.n === n) { lineEditor = null; afterClose(); }
    conflicts.delete(n);
    repaintLine(n);
  }

  function merge(n) {
    const now = conflicts.get(n)?.now ?? lineText(n);
    if (lineEditor?.n === n) {
      conflicts.delete(n);
      lineEditor.rebase(now);
      lineEditor.merging = now;
      repaintLine(n);
      lineEditor.input.focus();
      return;
    }
    startLine(n);
  }

  function conflictBox(n) {
    const editing = lineEditor?.n === n ? lineEditor : null;
    const conflict = conflicts.get(n);
    if (!conflict && !(editing && (editing.stale || editing.merging != null))) return null;
    const box = el('div', 'line-conflict');
    box.dataset.n = n;
    box.setAttribute('role', 'group');
    box.setAttribute('aria-label', fmt(S.conflict.label, n));
    const merging = editing && editing.merging != null && !editing.stale;
    box.append(el('div', 'conflict-head', merging ? S.conflict.merging : editing ? S.conflict.changedWhileEditing : fmt(S.conflict.notApplied, n)));
    const row = (label, text, className) => {
      const line = el('div', `conflict-row ${className}`);
      line.append(el('span', 'conflict-label', label), el('span', 'conflict-text', text === '' ? S.toast.currentEmpty : text));
      box.append(line);
    };
    if (conflict) row(S.conflict.mine, conflict.mine, 'mine');
    row(S.conflict.now, conflict?.now ?? editing?.merging ?? lineText(n) ?? '', 'now');
    if (!merging) {
      const actions = el('div', 'conflict-actions');
      for (const [action, run] of [['keep', keep], ['take', take], ['merge', merge]]) {
        const b = el('button', `tool conflict-${action}`, S.conflict[action]);
        b.type = 'button';
        b.dataset.action = action;
        b.title = S.conflict[`${action}Title`];
        b.addEventListener('click', e => { e.stopPropagation(); run(n); });
        actions.append(b);
      }
      box.append(actions);
    }
    box.addEventListener('click', e => e.stopPropagation());
    box.addEventListener('dblclick', e => e.stopPropagation());
    return box;
  }

  /** After a row is (re)built: the editor, draft mark and conflict box of its line go back in. */
  function afterRow(n, row) {
    if (lineEditor?.n === n) lineEditor.mount(row, false);
    const draft = lineDrafts.get(n);
    if (draft) {
      row.classList.add('draft');
      const mark = el('span', 'draft-mark', '✎');
      mark.title = fmt(S.editing.draftTitle, draft.text);
      mark.setAttribute('aria-label', mark.title);
      row.querySelector('.ln')?.append(mark);
    }
    const old = row.nextElementSibling?.matches('.line-conflict') ? row.nextElementSibling : null;
    const box = conflictBox(n);
    if (box) {
      if (old) old.replaceWith(box); else row.after(box);
    } else {
      old?.remove();
    }
  }

  // --- titles -------------------------------------------------------------------------------------------------

  function parkTitle() {
    if (!titleEditor) return;
    const editor = titleEditor;
    titleEditor = null;
    if (editor.changed) titleDrafts.set(editor.key, { text: editor.value, expected: editor.start });
    repaintCard(editor.key);
  }

  function startTitle(key) {
    const article = articleByKey(view(), key);
    if (!article || titleEditor?.key === key) return;
    parkLine();
    parkTitle();
    const draft = titleDrafts.get(key);
    titleDrafts.delete(key);
    const editor = new TitleEditor(key, draft?.expected ?? article.title, draft?.text ?? article.title, {
      save: (title, expected) => {
        if (titleEditor !== editor) return;
        titleEditor = null;
        repaintCard(key);
        if (title !== expected) editing.setTitle(key, expected, title);
      },
      cancel: () => { if (titleEditor === editor) { titleEditor = null; repaintCard(key); } },
    });
    if (draft) editor.remoteChanged(article.title, S.editing.titleChangedWhileEditing);
    titleEditor = editor;
    repaintCard(key);
    editor.mount(painter.card(key)?.querySelector('h2.title'), true);
  }

  function afterCard(key, card) {
    const article = articleByKey(view(), key);
    if (titleEditor?.key === key) {
      if (article) titleEditor.remoteChanged(article.title, S.editing.titleChangedWhileEditing);
      titleEditor.mount(card.querySelector('h2.title'), false);
    }
    const draft = titleDrafts.get(key);
    if (draft) {
      const title = card.querySelector('h2.title');
      title?.classList.add('draft');
      const mark = el('span', 'draft-mark', '✎');
      mark.title = fmt(S.editing.titleDraftTitle, draft.text);
      title?.append(mark);
    }
    if (!article) { titleDrafts.delete(key); if (titleEditor?.key === key) titleEditor = null; }
  }

  // --- refusals and leaving -----------------------------------------------------------------------------------

  /**
   * The server refused an edit (its echo is gone): what the user typed comes back beside the line's current text (the
   * server's, when it sent it: the page may not have heard of the change yet).
   */
  function refused(operation, ack) {
    if (operation.kind === 'editLine') {
      const now = ack?.currentValue ?? lineText(operation.line);
      if (now == null || now === operation.newText) return;
      lineDrafts.delete(operation.line);
      // Someone changed the line first: the choice between the two texts. Refused for another reason (the article was
      // approved meanwhile, …): the text stays as a draft on its line.
      if (!ack?.code || ack.code === 'stale') conflicts.set(operation.line, { mine: operation.newText, now });
      else lineDrafts.set(operation.line, { text: operation.newText, expected: now });
      repaintLine(operation.line);
    } else if (operation.kind === 'setTitle') {
      const article = articleByKey(view(), operation.articleKey);
      if (!article || article.title === operation.title || titleEditor?.key === operation.articleKey) return;
      titleDrafts.set(operation.articleKey, { text: operation.title, expected: article.title });
      repaintCard(operation.articleKey);
    }
  }

  function unsaved() {
    return Boolean(lineEditor?.changed || titleEditor?.changed || lineDrafts.size || titleDrafts.size || conflicts.size || editing.unanswered);
  }

  window.addEventListener('beforeunload', e => {
    if (!unsaved()) return;
    e.preventDefault();
    e.returnValue = '';
  });

  return {
    startLine,
    startTitle,
    linesChanged,
    refused,
    afterRow,
    afterCard,
    unsaved,
    keep,
    take,
    merge,
    get lineEditor() { return lineEditor; },
    get drafts() { return { lines: [...lineDrafts.keys()], titles: [...titleDrafts.keys()], conflicts: [...conflicts.keys()] }; },
  };
}
