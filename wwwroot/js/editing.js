// Editing actions: build operations, send them, keep the undo/redo stacks of the user's own operations, and report
// refusals. The kinds echo.js can draw show at once (pending); the rest change the view when the server's patch arrives.
import { S, fmt } from './strings.js';
import { toast, rejection } from './ui.js';
import { owners, lockReason } from './model.js';
import { describeOperation } from './undoname.js';

/** Why each action is unavailable for the current selection (null: available). */
export function availability(state, selection, connected) {
  const none = reason => ({ split: reason, mergePrev: reason, mergeNext: reason, move: reason, edit: reason, article: null });
  if (!connected) return none(S.disabled.offline);
  if (!selection) return none(S.disabled.noSelection);
  const byLine = owners(state);
  const first = byLine.get(selection.first)?.article ?? null;
  let mixed = false;
  for (let n = selection.first; n <= selection.last; n++) {
    if ((byLine.get(n)?.article ?? null) !== first) { mixed = true; break; }
  }
  const result = { split: null, mergePrev: null, mergeNext: null, move: null, edit: null, article: first };
  if (mixed) {
    result.move = S.disabled.mixed;
  }
  if (!first) {
    result.split = result.mergePrev = result.mergeNext = S.disabled.noArticle;
    return result;
  }
  const index = state.articles.indexOf(first);
  const previous = state.articles[index - 1];
  const next = state.articles[index + 1];
  const locked = lockReason(first);
  if (locked) {
    result.split = result.mergePrev = result.mergeNext = result.edit = locked;
    result.move ??= locked;
    return result;
  }
  const firstLine = Math.min(...first.blocks.map(b => b.firstLine));
  if (selection.first === firstLine) result.split = fmt(S.disabled.splitAtStart, selection.first, first.key);
  result.mergePrev = !previous ? S.disabled.noPrevious : lockReason(previous);
  result.mergeNext = !next ? S.disabled.noNext : lockReason(next);
  return result;
}

/**
 * echo: echo.js; onRefused(operation, ack) when the server refuses an operation (after its echo was taken back).
 */
export function createEditing({ live, echo, onStacks, onBusy, onRefused }) {
  // Entries are { inverse, what }: what undoing (or redoing) it does, named from the user's original operation.
  const undoStack = [];
  const redoStack = [];
  let pending = 0;
  // The user's changes still waiting for their acknowledgement. Undo and redo wait for them: the page can already
  // show a change (its echo, or its broadcast came first) while its inverse is not yet on the stack, and Ctrl+Z
  // pressed then must undo that change, not the one before it.
  const inFlight = new Set();

  function track(promise) {
    inFlight.add(promise);
    const done = () => inFlight.delete(promise);
    promise.then(done, done);
    return promise;
  }

  async function settled() {
    while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
  }

  function busy(delta) {
    pending += delta;
    onBusy(pending > 0);
  }

  function send(operation, mode = 'do', comment = null, what = null) {
    return track(sendNow(operation, mode, comment, what ?? describeOperation(operation)));
  }

  async function sendNow(operation, mode, comment, what) {
    const entry = echo.add(operation);
    busy(1);
    let ack;
    try {
      ack = await live.apply(operation, comment, mode === 'undo' || mode === 'redo' ? mode : null);
    } catch (err) {
      echo.refused(entry);
      toast('error', fmt(S.toast.error, err?.message ?? String(err)));
      onRefused?.(operation, { accepted: false, reason: null });
      return null;
    } finally {
      busy(-1);
    }
    if (ack.offline) {
      echo.refused(entry);
      toast('error', S.connection.offline, [S.disabled.offline]);
      onRefused?.(operation, ack);
      return ack;
    }
    if (!ack.accepted) {
      echo.refused(entry);
      const title = mode === 'undo' ? S.toast.undoRejected : mode === 'redo' ? S.toast.redoRejected : S.toast.rejected;
      rejection(ack, title, operation);
      onRefused?.(operation, ack);
      onStacks();
      return ack;
    }
    echo.accepted(entry, ack.version);
    if (ack.notes?.length) toast('info', S.toast.notes, ack.notes);
    if (ack.inverse) {
      if (mode === 'undo') {
        redoStack.push({ inverse: ack.inverse, what });
      } else {
        undoStack.push({ inverse: ack.inverse, what });
        if (mode === 'do') redoStack.length = 0;
      }
    }
    onStacks();
    return ack;
  }

  const parse = inverse => (typeof inverse === 'string' ? JSON.parse(inverse) : inverse);

  return {
    get canUndo() { return undoStack.length > 0; },
    get canRedo() { return redoStack.length > 0; },
    /** What Undo would undo ("set the title of article 3"), or null. */
    get undoWhat() { return undoStack.at(-1)?.what ?? null; },
    /** What Redo would redo, or null. */
    get redoWhat() { return redoStack.at(-1)?.what ?? null; },
    get busy() { return pending > 0; },
    /** True while any change of the user's is unanswered. */
    get unanswered() { return inFlight.size > 0; },
    send,
    /** Makes undo and redo wait for a change made outside send (e.g. "tag every occurrence") until it is answered. */
    track,
    /** Puts the inverse of a change made outside send (e.g. "tag every occurrence") on the undo stack; what names the change. */
    remember(inverse, what = null) {
      if (!inverse) return;
      undoStack.push({ inverse, what: what ?? S.undo.kinds.other });
      redoStack.length = 0;
      onStacks();
    },
    async undo() {
      await settled();
      const entry = undoStack.pop();
      onStacks();
      return entry ? send(parse(entry.inverse), 'undo', null, entry.what) : null;
    },
    async redo() {
      await settled();
      const entry = redoStack.pop();
      onStacks();
      return entry ? send(parse(entry.inverse), 'redo', null, entry.what) : null;
    },
    split: (articleKey, atLine) => send({ kind: 'splitArticle', articleKey, atLine }),
    merge: (articleKey, intoArticleKey) => send({ kind: 'mergeArticles', articleKey, intoArticleKey }),
    moveLines: (firstLine, lastLine, toArticleKey) => send({ kind: 'moveLines', firstLine, lastLine, toArticleKey }),
    setRole: (articleKey, blockIndex, role) => send({ kind: 'setBlockRole', articleKey, blockIndex, role }),
    setTitle: (articleKey, expectedTitle, title) => send({ kind: 'setTitle', articleKey, expectedTitle, title }),
    editLine: (line, expectedText, newText) => send({ kind: 'editLine', line, expectedText, newText }),
    /** A status change; a request for changes and reopening an approved article carry a comment. */
    setStatus: (articleKey, expectedStatus, status, comment = null) =>
      send({ kind: 'setStatus', articleKey, expectedStatus, status }, 'do', comment),
  };
}
