// Editing actions: build operations, send them, keep the undo/redo stacks of the user's own operations,
// and report rejections. Nothing is applied locally: the view changes when the server's patch arrives.
import { S, fmt } from './strings.js';
import { toast, rejection } from './ui.js';
import { lineOwners } from './render.js';

/** Why each action is unavailable for the current selection (null: available). */
export function availability(state, selection, connected) {
  const none = reason => ({ split: reason, mergePrev: reason, mergeNext: reason, move: reason, edit: reason, article: null });
  if (!connected) return none(S.disabled.offline);
  if (!selection) return none(S.disabled.noSelection);
  const owners = lineOwners(state);
  const first = owners.get(selection.first)?.article ?? null;
  let mixed = false;
  for (let n = selection.first; n <= selection.last; n++) {
    if ((owners.get(n)?.article ?? null) !== first) { mixed = true; break; }
  }
  const result = { split: null, mergePrev: null, mergeNext: null, move: null, edit: null, article: first };
  if (mixed) {
    result.move = S.disabled.mixed;
  }
  if (!first) {
    result.split = result.mergePrev = result.mergeNext = S.disabled.noArticle;
    return result;
  }
  const approved = fmt(S.disabled.approved, first.key);
  const index = state.articles.indexOf(first);
  const previous = state.articles[index - 1];
  const next = state.articles[index + 1];
  if (first.status === 'approved') {
    result.split = result.mergePrev = result.mergeNext = result.edit = approved;
    result.move ??= approved;
    return result;
  }
  const firstLine = Math.min(...first.blocks.map(b => b.firstLine));
  if (selection.first === firstLine) result.split = fmt(S.disabled.splitAtStart, selection.first, first.key);
  result.mergePrev = !previous ? S.disabled.noPrevious : previous.status === 'approved' ? fmt(S.disabled.approved, previous.key) : null;
  result.mergeNext = !next ? S.disabled.noNext : next.status === 'approved' ? fmt(S.disabled.approved, next.key) : null;
  return result;
}

// Inverses come as operation objects (they were JSON strings before the typed wire contract).
const operationOf = inverse => (typeof inverse === 'string' ? JSON.parse(inverse) : inverse);

export function createEditing({ live, onStacks, onBusy }) {
  const undoStack = [];
  const redoStack = [];
  let pending = 0;
  // The user's changes still waiting for their acknowledgement. Undo and redo wait for them: the page can already
  // show a change (its broadcast came first) while its inverse is not yet on the stack, and Ctrl+Z pressed then
  // must undo that change, not the one before it.
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

  function send(operation, mode = 'do', comment = null) {
    return track(sendNow(operation, mode, comment));
  }

  async function sendNow(operation, mode, comment) {
    busy(1);
    let ack;
    try {
      ack = await live.apply(operation, comment);
    } catch (err) {
      toast('error', fmt(S.toast.error, err?.message ?? String(err)));
      return null;
    } finally {
      busy(-1);
    }
    if (ack.offline) {
      toast('error', S.connection.offline, [S.disabled.offline]);
      return ack;
    }
    if (!ack.accepted) {
      const title = mode === 'undo' ? S.toast.undoRejected : mode === 'redo' ? S.toast.redoRejected : S.toast.rejected;
      rejection(ack, title, operation);
      onStacks();
      return ack;
    }
    if (ack.notes?.length) toast('info', S.toast.notes, ack.notes);
    if (ack.inverse) {
      if (mode === 'undo') {
        redoStack.push(ack.inverse);
      } else {
        undoStack.push(ack.inverse);
        if (mode === 'do') redoStack.length = 0;
      }
    }
    onStacks();
    return ack;
  }

  return {
    get canUndo() { return undoStack.length > 0; },
    get canRedo() { return redoStack.length > 0; },
    get busy() { return pending > 0; },
    send,
    /** Makes undo and redo wait for a change made outside send (e.g. "tag every occurrence") until it is answered. */
    track,
    /** Puts the inverse of a change made outside send (e.g. "tag every occurrence") on the undo stack. */
    remember(inverse) {
      if (!inverse) return;
      undoStack.push(inverse);
      redoStack.length = 0;
      onStacks();
    },
    async undo() {
      await settled();
      const inverse = undoStack.pop();
      onStacks();
      return inverse ? send(operationOf(inverse), 'undo') : null;
    },
    async redo() {
      await settled();
      const inverse = redoStack.pop();
      onStacks();
      return inverse ? send(operationOf(inverse), 'redo') : null;
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
