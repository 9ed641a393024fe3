// The live connection to the page hub (the contract: src/Workbench.Web/Editing/WIRE.md): joining from the state the
// page was rendered with, applying the server's patches in sequence order, catching up after gaps and reconnects,
// presence, and sending operations. The rules of every operation live on the server; this module only applies the
// patches the server computed.
import { connectHub, takeEarly } from './hub.js';

/** The key of the article holding line n, or null. */
function ownerOf(state, n) {
  for (const article of state.articles) {
    if (article.blocks.some(b => n >= b.firstLine && n <= b.lastLine)) return article.key;
  }
  return null;
}

/** Everything differs: a whole-state replace. */
function everything(before, after) {
  const lines = new Set();
  const oldLines = new Map(before.lines.map(l => [l.n, l.text]));
  for (const line of after.lines) {
    if (oldLines.get(line.n) !== line.text) lines.add(line.n);
  }
  const articles = new Set();
  const oldArticles = new Map(before.articles.map(a => [a.key, JSON.stringify(a)]));
  for (const article of after.articles) {
    if (oldArticles.get(article.key) !== JSON.stringify(article)) articles.add(article.key);
  }
  const keys = new Set(after.articles.map(a => a.key));
  const removedArticles = new Set(before.articles.map(a => a.key).filter(k => !keys.has(k)));
  const entityKeys = new Set(after.entities.map(e => e.key));
  return {
    lines,
    articles,
    entities: new Set(after.entities.map(e => e.key)),
    removedEntities: new Set(before.entities.map(e => e.key).filter(k => !entityKeys.has(k))),
    removedArticles,
    order: true,
  };
}

/**
 * An article's joined text with a splice applied (WIRE.md, textSplices): `removed` units from `at` replaced by
 * `inserted`; spans from `firstSpan`, `removedSpans` of them, replaced by `spans`, and the later ones moved by the
 * change in length.
 */
export function spliceText(before, splice) {
  const shift = splice.inserted.length - splice.removed;
  return {
    key: before.key,
    text: before.text.slice(0, splice.at) + splice.inserted + before.text.slice(splice.at + splice.removed),
    spans: [
      ...before.spans.slice(0, splice.firstSpan),
      ...splice.spans,
      ...before.spans.slice(splice.firstSpan + splice.removedSpans).map(([n, start, source, length]) => [n, start + shift, source, length]),
    ],
  };
}

/**
 * Applies one operation's patch to the state in place; returns what changed: {lines, articles} (Sets: line numbers
 * whose text changed; keys of articles whose card changed, including those holding changed lines or entities), and
 * {entities, removedEntities, removedArticles} (Sets) and order (true when the article order changed).
 */
export function applyPatch(state, patch) {
  const lines = new Set();
  const articles = new Set();
  const entities = new Set();
  const removedEntities = new Set();
  const removedArticles = new Set(patch.removedArticles ?? []);

  // Entities about to go: their articles change (looked up before the articles change).
  if (patch.removedEntities?.length) {
    const gone = new Set(patch.removedEntities);
    for (const entity of state.entities) {
      if (!gone.has(entity.key)) continue;
      removedEntities.add(entity.key);
      const owner = ownerOf(state, entity.start.line);
      if (owner != null) articles.add(owner);
    }
    state.entities = state.entities.filter(e => !gone.has(e.key));
  }

  if (patch.lines?.length) {
    const index = new Map(state.lines.map((l, i) => [l.n, i]));
    let added = false;
    for (const line of patch.lines) {
      const i = index.get(line.n);
      if (i == null) { state.lines.push(line); added = true; } else state.lines[i] = line;
      lines.add(line.n);
    }
    if (added) state.lines.sort((a, b) => a.n - b.n);
  }

  if (patch.articles?.length || removedArticles.size || patch.order) {
    const byKey = new Map(state.articles.filter(a => !removedArticles.has(a.key)).map(a => [a.key, a]));
    for (const article of patch.articles ?? []) {
      byKey.set(article.key, article);
      articles.add(article.key);
    }
    state.articles = patch.order ? patch.order.map(k => byKey.get(k)).filter(Boolean) : [...byKey.values()];
  }
  removedArticles.forEach(k => articles.add(k));

  if (patch.entities?.length) {
    const byKey = new Map(state.entities.map(e => [e.key, e]));
    for (const entity of patch.entities) {
      byKey.set(entity.key, entity);
      entities.add(entity.key);
    }
    state.entities = [...byKey.values()].sort((a, b) => a.key - b.key);
  }

  if (patch.texts?.length || patch.textSplices?.length || removedArticles.size) {
    // The server's join of the articles whose text may have changed: whole for an article new to the page, else the
    // part that changed (textSplices); texts of articles that no longer exist go.
    const keys = new Set(state.articles.map(a => a.key));
    const byKey = new Map((state.texts ?? []).filter(t => keys.has(t.key)).map(t => [t.key, t]));
    for (const text of patch.texts ?? []) {
      byKey.set(text.key, text);
      articles.add(text.key);
    }
    for (const splice of patch.textSplices ?? []) {
      const before = byKey.get(splice.key);
      // Without the text it was cut from, the card shows its lines' own text until the next whole state.
      if (before) byKey.set(splice.key, spliceText(before, splice)); else console.warn('no text to splice', splice.key);
      articles.add(splice.key);
    }
    if (state.texts || patch.texts?.length || patch.textSplices?.length) state.texts = [...byKey.values()];
  }

  // A line's text and an entity's marks show in their article's card too.
  for (const n of lines) {
    const owner = ownerOf(state, n);
    if (owner != null) articles.add(owner);
  }
  for (const entity of patch.entities ?? []) {
    const owner = ownerOf(state, entity.start.line);
    if (owner != null) articles.add(owner);
  }

  state.page.version = patch.version;
  return { lines, articles, entities, removedEntities, removedArticles, order: Boolean(patch.order) };
}

// Operations that name blocks by position: the server refuses them unless the sender has seen the current version,
// so they wait until the sender's own earlier operations have come back in a broadcast.
const POSITIONAL = new Set(['reorderBlocks', 'setBlockRole', 'setBlocks', 'restoreArticle']);
function positional(operation) {
  return POSITIONAL.has(operation.kind) || (operation.kind === 'batch' && (operation.operations ?? []).some(positional));
}

/**
 * Opens the live connection. Callbacks: onChange(changes, info) after every state change
 * (info: {authorId, kind, sequence} for an operation, {catchUp: true} for a whole-state reload),
 * onPresence(present), onStatus(status: connecting|connected|reconnecting|offline), onError(message),
 * onComment(comment) for a comment added to an article of the page (by anyone, including this user).
 */
export function createLive({ pageId, store, onChange, onPresence, onStatus, onError, onComment, onReset }) {
  // The connection the page started early (hubconnect.js), if any: its first start is already under way.
  const early = takeEarly();
  const conn = early?.conn ?? connectHub();
  let starting = early?.started ?? null;

  let status = 'connecting';
  let focusKey = null;
  let refetching = null;
  let joining = false;
  let gapTimer = null;
  const pending = new Map(); // sequence → entry, waiting for the ones before it
  let lastAck = 0;
  let queue = Promise.resolve();
  let waiters = [];
  let restartTimer = null;
  let restartDelay = 2000;

  function setStatus(next) {
    status = next;
    onStatus(next);
    // Who else is here is only known while connected: a disconnected page shows nobody rather than a stale list.
    if (next !== 'connected') {
      presenceRevision = -1;
      onPresence([]);
    }
  }

  function versionChanged() {
    const version = store.state.page.version;
    const ready = waiters.filter(w => version >= w.version);
    waiters = waiters.filter(w => version < w.version);
    ready.forEach(w => w.resolve());
  }

  function replaceState(next) {
    const changes = everything(store.state, next);
    store.state = next;
    for (const sequence of [...pending.keys()]) if (sequence <= next.page.version) pending.delete(sequence);
    versionChanged();
    onChange(changes, { catchUp: true });
  }

  /** Applies the waiting entries that are next in sequence; a gap that stays open is closed by a catch-up. */
  function drain() {
    for (let next = pending.get(store.state.page.version + 1); next; next = pending.get(store.state.page.version + 1)) {
      pending.delete(next.sequence);
      const changes = applyPatch(store.state, next.patch);
      versionChanged();
      onChange(changes, { authorId: next.authorId, kind: next.kind, sequence: next.sequence });
    }
    for (const sequence of [...pending.keys()]) if (sequence <= store.state.page.version) pending.delete(sequence);
    clearTimeout(gapTimer);
    // Usually the missing message is just behind (another process's broadcast); if it does not come, fetch the state.
    if (pending.size) gapTimer = setTimeout(() => { if (pending.size) catchUp(); }, 300);
  }

  function receive(entries) {
    for (const entry of entries) {
      if (entry.sequence > store.state.page.version) pending.set(entry.sequence, entry);
    }
    if (!refetching && !joining) drain();
  }

  function onOperations(message) {
    if (message.pageId !== pageId) return;
    receive(message.operations);
  }

  /** Fetches the whole state (after a gap in sequence numbers); operations arriving meanwhile wait. */
  function catchUp() {
    if (refetching) return refetching;
    refetching = (async () => {
      try {
        const response = await fetch(`/api/pages/${pageId}/state`, { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
        if (response.ok) {
          const next = await response.json();
          if (next.page.version >= store.state.page.version) replaceState(next);
        }
      } catch (err) {
        console.warn('catch-up failed', err);
      } finally {
        refetching = null;
        drain();
      }
    })();
    return refetching;
  }

  // Presence snapshots carry the server's revision: a broadcast can overtake the answer to our own Join, and the
  // older of the two must not win. Reset on every join (a restarted server counts from 1 again).
  let presenceRevision = -1;
  function presenceSnapshot(present, revision) {
    if (revision < presenceRevision) return;
    presenceRevision = revision;
    onPresence(present);
  }

  /** Joins with the version this page holds: the answer is what changed since (or the whole state). */
  async function join() {
    presenceRevision = -1;
    joining = true;
    let result;
    try {
      result = await conn.invoke('Join', pageId, store.state.page.version);
    } finally {
      joining = false;
    }
    if (!result.joined) {
      setStatus('offline');
      onError(result.reason);
      return;
    }
    if (result.state) replaceState(result.state);
    receive(result.operations ?? []);
    presenceSnapshot(result.present, result.presenceRevision);
    setStatus('connected');
    if (focusKey != null) conn.invoke('Focus', pageId, focusKey).catch(() => {});
  }

  function scheduleRestart() {
    clearTimeout(restartTimer);
    restartTimer = setTimeout(start, restartDelay);
    restartDelay = Math.min(restartDelay * 2, 30000);
  }

  async function start() {
    setStatus(status === 'offline' ? 'offline' : 'connecting');
    try {
      const started = starting ?? conn.start();
      starting = null;
      await started;
      performance.mark('live:connected');
      restartDelay = 2000;
      await join();
    } catch (err) {
      console.warn('connection failed', err);
      setStatus('offline');
      scheduleRestart();
    }
  }

  conn.on('OperationsApplied', onOperations);
  conn.on('CommentAdded', comment => { if (comment.pageId === pageId) onComment?.(comment); });
  // The server closes this connection when the user's access changed (removed, new role, logged out); it says why.
  conn.on('AccessRevoked', reason => onError(reason));
  conn.on('PresenceChanged', (id, present, revision) => { if (id === pageId) presenceSnapshot(present, revision); });
  // The page's articles were replaced outside the log (an admin re-segmented it): take the whole state again.
  conn.on('PageReset', async (id, reason) => {
    if (id !== pageId) return;
    const result = await conn.invoke('Join', pageId, -1);
    if (result.joined && result.state) replaceState(result.state);
    onReset?.(reason);
  });
  conn.onreconnecting(() => setStatus('reconnecting'));
  conn.onreconnected(() => join().catch(err => { console.warn(err); setStatus('offline'); }));
  conn.onclose(() => { setStatus('offline'); scheduleRestart(); });
  window.addEventListener('pagehide', () => { conn.stop(); });

  /** Resolves once the local state has reached the given version (or after a timeout, by catching up). */
  function whenVersion(version, timeoutMs = 3000) {
    if (store.state.page.version >= version) return Promise.resolve();
    return new Promise(resolve => {
      const waiter = { version, resolve };
      waiters.push(waiter);
      setTimeout(async () => {
        if (!waiters.includes(waiter)) return;
        await catchUp();
        waiters = waiters.filter(w => w !== waiter);
        resolve();
      }, timeoutMs);
    });
  }

  /**
   * Sends one operation; resolves with the server's answer (the ack, WIRE.md):
   * {accepted, version, reason, code, currentValue, notes, inverse, forbidden}. Operations go one at a time; each
   * waits only for the answer to the one before, except positional ones (block indexes), which also wait until the
   * sender's earlier operations are in the local state. A comment (a request for changes, a reason to reopen) goes
   * with the operation through ApplyWithComment. replay ('undo' or 'redo') sends it through ApplyReplay: the server labels
   * the log entry ("Undo: …" in the history and the audit) and checks it like any other.
   */
  function apply(operation, comment = null, replay = null) {
    const run = async () => {
      if (status !== 'connected') return { accepted: false, reason: null, offline: true };
      if (positional(operation)) await whenVersion(lastAck);
      const ack = replay != null
        ? await conn.invoke('ApplyReplay', pageId, store.state.page.version, operation, replay)
        : comment == null
        ? await conn.invoke('Apply', pageId, store.state.page.version, operation)
        : await conn.invoke('ApplyWithComment', pageId, store.state.page.version, operation, comment);
      if (ack.accepted) lastAck = Math.max(lastAck, ack.version);
      return ack;
    };
    const result = queue.then(run, run);
    queue = result.catch(() => {});
    return result;
  }

  function focus(articleKey) {
    if (articleKey === focusKey) return;
    focusKey = articleKey;
    if (status === 'connected') conn.invoke('Focus', pageId, articleKey).catch(() => {});
  }

  return {
    start,
    apply,
    focus,
    catchUp,
    /** Resolves once the local state includes the given version (e.g. an ack's). */
    whenVersion,
    get status() { return status; },
  };
}
