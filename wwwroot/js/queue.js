// The review queue's keyboard: j/k move, Enter opens, a approves, r requests changes (with a comment).
// The server decides everything; this only sends setStatus operations and shows its answer.
// Live: the page joins its project's queue group on the hub; when an article of the project is submitted, approved, sent
// back or withdrawn, it reads this same page again (same filters, same page number) and replaces the rows and the total.
import { S, fmt } from './strings.js';
import { connectHub } from './hub.js';

const live = document.getElementById('queue-live');
const message = document.getElementById('queue-message');
const form = document.getElementById('request-form');
const comment = document.getElementById('request-comment');
let current = -1;
let pending = null;

const table = () => document.getElementById('queue');
const rows = () => table() ? [...table().tBodies[0].rows].filter(r => !r.classList.contains('done')) : [];
const keyOf = row => row ? `${row.dataset.page}:${row.dataset.article}` : null;

/** Selects a row; focus: false only marks it (a refresh must not take the focus from a comment being typed). */
function select(index, focus = true) {
  const all = rows();
  if (all.length === 0) { current = -1; return; }
  current = Math.max(0, Math.min(index, all.length - 1));
  all.forEach((r, i) => r.classList.toggle('selected', i === current));
  if (!focus) return;
  all[current].focus({ preventScroll: true });
  all[current].scrollIntoView({ block: 'nearest' });
}

function say(text, kind) {
  message.textContent = text;
  message.className = 'queue-message ' + (kind || '');
}

/** Sends one status change; true when the server accepted it (its answer is shown either way). */
async function setStatus(row, status, text) {
  const pageId = row.dataset.page;
  const articleKey = Number(row.dataset.article);
  try {
    const stateResponse = await fetch(`/api/pages/${pageId}/state`, { headers: { Accept: 'application/json' } });
    if (!stateResponse.ok) { say(fmt(S.queue.loadFailed, stateResponse.status), 'error'); return false; }
    const state = await stateResponse.json();
    const response = await fetch(`/api/pages/${pageId}/operations`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({
        seenVersion: state.page.version,
        operation: { kind: 'setStatus', articleKey, expectedStatus: 'submitted', status },
        comment: text ?? null,
      }),
    });
    const body = await response.json().catch(() => ({}));
    if (response.ok && body.accepted) {
      const title = row.cells[1].textContent.trim();
      row.classList.add('done');
      row.hidden = true;
      const total = document.getElementById('queue-total');
      if (total) { total.textContent = String(Math.max(0, Number(total.textContent) - 1)); }
      say(fmt(status === 'approved' ? S.queue.approved : S.queue.sentBack, title), 'ok');
      select(current);
      return true;
    }
    say(body.reason || body.detail || fmt(S.queue.refused, response.status), 'error');
    return false;
  } catch (error) {
    say(fmt(S.queue.unreachable, error.message), 'error');
    return false;
  }
}

function requestChanges(row) {
  pending = row;
  form.hidden = false;
  form.querySelector('label').textContent = fmt(S.queue.requestLabel, row.cells[1].textContent.trim());
  form.scrollIntoView({ block: 'nearest' });
  // What the reviewer already typed stays (choosing another row must not erase it); it is cleared once sent.
  comment.focus();
}

function closeForm() {
  form.hidden = true;
  pending = null;
  select(current);
}

/** Reads the page again and puts its rows and total in place, keeping the selected row (when it is still there). */
async function refresh() {
  const selected = keyOf(rows()[current]);
  let response;
  try {
    response = await fetch(location.href, { headers: { Accept: 'text/html' }, credentials: 'same-origin' });
  } catch {
    return; // offline: the next change (or a reload) brings the rows
  }
  if (!response.ok) return;
  const fresh = new DOMParser().parseFromString(await response.text(), 'text/html');
  const block = fresh.getElementById('queue-live');
  if (!block) return;
  live.replaceChildren(...[...block.childNodes].map(n => document.adoptNode(n)));
  const total = document.getElementById('queue-total');
  const freshTotal = fresh.getElementById('queue-total');
  if (total && freshTotal) total.textContent = freshTotal.textContent;
  const all = rows();
  const index = all.findIndex(r => keyOf(r) === selected);
  const typing = document.activeElement?.closest?.('input, textarea, select');
  select(index >= 0 ? index : Math.min(Math.max(current, 0), all.length - 1), !typing);
}

let refreshing = null;
let again = false;
/** One read at a time; changes that arrive meanwhile cause one more read after it. */
function scheduleRefresh() {
  if (refreshing) { again = true; return; }
  refreshing = (async () => {
    do { again = false; await refresh(); } while (again);
    refreshing = null;
  })();
}

function watch() {
  if (!live || typeof signalR === 'undefined') return;
  const projectId = Number(live.dataset.project);
  const conn = connectHub();
  let revoked = false;
  const join = async () => {
    if (await conn.invoke('WatchQueue', projectId)) live.dataset.live = 'on';
  };
  const start = () => conn.start().then(join).catch(() => setTimeout(() => { if (!revoked) start(); }, 5000));
  conn.on('QueueChanged', change => { if (change.projectId === projectId) scheduleRefresh(); });
  // The server drops this connection when the user's access changed (removed, new role, logged out); it says why.
  conn.on('AccessRevoked', reason => { revoked = true; say(reason, 'error'); conn.stop(); });
  // Back after a break: what changed meanwhile was not heard, so read the rows again.
  conn.onreconnected(() => join().then(scheduleRefresh).catch(() => {}));
  conn.onclose(() => { delete live.dataset.live; if (!revoked) setTimeout(start, 5000); });
  window.addEventListener('pagehide', () => { revoked = true; conn.stop(); });
  start();
}

if (live) {
  select(0);
  watch();
  document.addEventListener('keydown', event => {
    if (event.target.closest('input, textarea, select') || event.ctrlKey || event.metaKey || event.altKey) {
      if (event.key === 'Escape' && !form.hidden) { closeForm(); }
      return;
    }
    const row = rows()[current];
    switch (event.key) {
      case 'j': select(current + 1); break;
      case 'k': select(current - 1); break;
      case 'Enter': if (row) { location.href = row.dataset.href; } break;
      case 'a': if (row) { setStatus(row, 'approved'); } break;
      case 'r': if (row) { event.preventDefault(); requestChanges(row); } break;
      default: return;
    }
  });
  live.addEventListener('click', event => {
    const row = event.target.closest('tr[data-page]');
    if (!row) { return; }
    select(rows().indexOf(row));
    const action = event.target.closest('button')?.dataset.action;
    if (action === 'approve') { setStatus(row, 'approved'); }
    if (action === 'request') { requestChanges(row); }
  });
  form.addEventListener('submit', async event => {
    event.preventDefault();
    const text = comment.value.trim();
    if (!text) { say(S.queue.commentRequired, 'error'); comment.focus(); return; }
    const row = pending;
    if (!row) { closeForm(); return; }
    form.hidden = true;
    pending = null;
    if (await setStatus(row, 'changesRequested', text)) {
      comment.value = '';
    } else {
      requestChanges(row); // refused or unreachable: the form comes back with the comment as typed
    }
  });
  document.getElementById('request-cancel').addEventListener('click', closeForm);
}
