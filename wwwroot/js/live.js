// The live connection to the page hub: joining, applying the server's patches in sequence order, catching up
// after gaps and reconnects, presence, and sending operations. The rules of every operation live on the server;
// this module only applies the patches the server computed.

/** What changed between two states: line numbers whose text changed, article keys whose content changed. */
function diff(before, after) {
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
  return { lines, articles };
}

/** Applies a server patch to the state in place; returns what changed. */
export function applyPatch(state, patch) {
  const lines = new Set();
  const articles = new Set();
  if (patch.lines?.length) {
    const index = new Map(state.lines.map((l, i) => [l.n, i]));
    for (const line of patch.lines) {
      const i = index.get(line.n);
      if (i == null) state.lines.push(line); else state.lines[i] = line;
      lines.add(line.n);
    }
    state.lines.sort((a, b) => a.n - b.n);
    // A line's text shows in its article's card too.
    for (const article of state.articles) {
      if (article.blocks.some(b => [...lines].some(n => n >= b.firstLine && n <= b.lastLine))) articles.add(article.key);
    }
  }
  if (patch.articles) {
    const old = new Map(state.articles.map(a => [a.key, JSON.stringify(a)]));
    for (const article of patch.articles) {
      if (old.get(article.key) !== JSON.stringify(article)) articles.add(article.key);
    }
    state.articles = patch.articles;
  }
  if (patch.texts?.length || patch.articles) {
    // The server's join of the articles whose text may have changed (card text = export text); texts of articles
    // that no longer exist go.
    const keys = new Set(state.articles.map(a => a.key));
    const byKey = new Map((state.texts ?? []).filter(t => keys.has(t.key)).map(t => [t.key, t]));
    for (const text of patch.texts ?? []) {
      byKey.set(text.key, text);
      articles.add(text.key);
    }
    state.texts = [...byKey.values()];
  }
  if (patch.entities?.length || patch.removedEntities?.length) {
    const removed = new Set(patch.removedEntities ?? []);
    const byKey = new Map(state.entities.filter(e => !removed.has(e.key)).map(e => [e.key, e]));
    for (const entity of patch.entities ?? []) byKey.set(entity.key, entity);
    state.entities = [...byKey.values()].sort((a, b) => a.key - b.key);
  }
  state.page.version = patch.version;
  return { lines, articles };
}

/**
 * Opens the live connection. Callbacks: onChange(changes, info) after every state change
 * (info: {authorId, authorName, description} for an operation, {catchUp: true} for a whole-state reload),
 * onPresence(present), onStatus(status: connecting|connected|reconnecting|offline), onError(message),
 * onComment(comment) for a comment added to an article of the page (by anyone, including this user).
 */
export function createLive({ pageId, store, onChange, onPresence, onStatus, onError, onComment }) {
  const conn = new signalR.HubConnectionBuilder()
    .withUrl('/hubs/page')
    .withAutomaticReconnect()
    .configureLogging(signalR.LogLevel.Warning)
    .build();

  let status = 'connecting';
  let focusKey = null;
  let refetching = null;
  const buffered = [];
  let lastAck = 0;
  let queue = Promise.resolve();
  const waiters = [];
  let restartTimer = null;
  let restartDelay = 2000;

  function setStatus(next) {
    status = next;
    onStatus(next);
  }

  function versionChanged() {
    for (let i = waiters.length - 1; i >= 0; i--) {
      if (store.state.page.version >= waiters[i].version) {
        waiters[i].resolve();
        waiters.splice(i, 1);
      }
    }
  }

  function replaceState(next, info) {
    const changes = diff(store.state, next);
    store.state = next;
    versionChanged();
    onChange(changes, info);
  }

  function process(message) {
    const version = store.state.page.version;
    if (message.sequence <= version) return;
    if (message.sequence !== version + 1) {
      catchUp();
      return;
    }
    const changes = applyPatch(store.state, message.patch);
    versionChanged();
    onChange(changes, { authorId: message.authorId, authorName: message.authorName, description: message.description, notes: message.notes, kind: message.kind });
  }

  function onOperation(message) {
    if (message.pageId !== pageId) return;
    if (refetching) buffered.push(message); else process(message);
  }

  /** Fetches the whole state (after a gap in sequence numbers); operations arriving meanwhile wait. */
  function catchUp() {
    if (refetching) return refetching;
    refetching = (async () => {
      try {
        const response = await fetch(`/api/pages/${pageId}/state`, { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
        if (response.ok) {
          const next = await response.json();
          if (next.page.version >= store.state.page.version) replaceState(next, { catchUp: true });
        }
      } catch (err) {
        console.warn('catch-up failed', err);
      } finally {
        refetching = null;
        buffered.splice(0).sort((a, b) => a.sequence - b.sequence).forEach(process);
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

  async function join() {
    presenceRevision = -1;
    const result = await conn.invoke('Join', pageId);
    if (!result.joined) {
      setStatus('offline');
      onError(result.reason);
      return;
    }
    replaceState(result.state, { catchUp: true });
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
      await conn.start();
      restartDelay = 2000;
      await join();
    } catch (err) {
      console.warn('connection failed', err);
      setStatus('offline');
      scheduleRestart();
    }
  }

  conn.on('OperationApplied', onOperation);
  conn.on('CommentAdded', comment => { if (comment.pageId === pageId) onComment?.(comment); });
  conn.on('PresenceChanged', (id, present, revision) => { if (id === pageId) presenceSnapshot(present, revision); });
  conn.onreconnecting(() => setStatus('reconnecting'));
  conn.onreconnected(() => join().catch(err => { console.warn(err); setStatus('offline'); }));
  conn.onclose(() => { setStatus('offline'); scheduleRestart(); });
  window.addEventListener('pagehide', () => { conn.stop(); });

  /** Resolves once the local state has caught up to the given version (or after a timeout, by catching up). */
  function whenVersion(version, timeoutMs = 3000) {
    if (store.state.page.version >= version) return Promise.resolve();
    return new Promise(resolve => {
      const waiter = { version, resolve };
      waiters.push(waiter);
      setTimeout(async () => {
        if (!waiters.includes(waiter)) return;
        await catchUp();
        // catchUp may have resolved and removed it already; splice(-1, 1) would remove someone else's waiter.
        const index = waiters.indexOf(waiter);
        if (index >= 0) waiters.splice(index, 1);
        resolve();
      }, timeoutMs);
    });
  }

  /**
   * Sends one operation; resolves with the server's answer {accepted, version, reason, currentValue, notes, inverse}.
   * Operations go one at a time, each against the version that includes the sender's previous one.
   * A comment (a request for changes, a reason to reopen) goes with the operation through ApplyWithComment.
   */
  function apply(operation, comment = null) {
    const run = async () => {
      if (status !== 'connected') return { accepted: false, reason: null, offline: true };
      await whenVersion(lastAck);
      const ack = comment == null
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
    get status() { return status; },
  };
}
