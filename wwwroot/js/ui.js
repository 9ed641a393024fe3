// Small pieces of chrome: toasts, the "?" help overlay and the article picker.
import { S, fmt } from './strings.js';
import { el } from './render.js';
import { lockReason } from './model.js';

const toasts = () => document.getElementById('wb-toasts');

/**
 * Shows a message. kind: 'error' | 'info'. Errors stay until dismissed (a rejection is never silent);
 * information fades after a few seconds unless options.stay.
 */
export function toast(kind, title, details = [], { stay = false } = {}) {
  const box = el('div', `toast toast-${kind}`);
  box.setAttribute('role', kind === 'error' ? 'alert' : 'status');
  const body = el('div', 'toast-body');
  if (title) body.append(el('strong', 'toast-title', title));
  for (const line of details.filter(Boolean)) body.append(el('div', 'toast-line', line));
  const close = el('button', 'toast-close', '×');
  close.type = 'button';
  close.title = S.toast.close;
  close.setAttribute('aria-label', S.toast.close);
  close.addEventListener('click', () => box.remove());
  box.append(body, close);
  toasts().append(box);
  while (toasts().children.length > 4) toasts().firstElementChild.remove();
  if (kind !== 'error' && !stay) setTimeout(() => box.remove(), 5000);
  return box;
}

/** A rejection from the server: its reason verbatim, and the current value when it sent one. */
export function rejection(ack, title = S.toast.rejected, operation = null) {
  const details = [ack.reason];
  if (ack.currentValue != null) {
    const template = operation?.kind === 'editLine' ? S.toast.currentText : S.toast.current;
    details.push(fmt(template, ack.currentValue === '' ? S.toast.currentEmpty : ack.currentValue));
  }
  return toast('error', title, details);
}

export function showHelp() {
  let dialog = document.getElementById('wb-help-dialog');
  if (!dialog) {
    dialog = el('dialog', 'wb-dialog help');
    dialog.id = 'wb-help-dialog';
    const head = el('div', 'dialog-head');
    head.append(el('h2', null, S.help.title));
    const close = el('button', 'toast-close', '×');
    close.type = 'button';
    close.title = S.help.close;
    close.addEventListener('click', () => dialog.close());
    head.append(close);
    const table = el('table', 'keys');
    for (const { keys, text: what } of S.help.rows) {
      const tr = el('tr');
      const th = el('th');
      keys.split(' / ').forEach((k, i) => {
        if (i) th.append(' / ');
        th.append(el('kbd', null, k));
      });
      tr.append(th, el('td', null, what));
      table.append(tr);
    }
    dialog.append(head, table);
    dialog.addEventListener('click', e => { if (e.target === dialog) dialog.close(); });
    document.body.append(dialog);
  }
  dialog.showModal();
}

/**
 * Asks which article the lines go to. Resolves with an article key, null for a new article,
 * or undefined when cancelled.
 */
export function pickArticle(articles, { first, last, exclude }) {
  return new Promise(resolve => {
    const dialog = el('dialog', 'wb-dialog picker');
    dialog.id = 'wb-picker';
    dialog.append(el('h2', null, first === last ? fmt(S.picker.titleOne, first) : fmt(S.picker.title, first, last)));
    const filter = el('input', 'picker-filter');
    filter.type = 'search';
    filter.placeholder = S.picker.filter;
    filter.setAttribute('aria-label', S.picker.filter);
    const list = el('ul', 'picker-list');
    list.setAttribute('role', 'listbox');
    const options = [];
    const add = (label, value, disabled, title) => {
      const item = el('li', 'picker-item', label);
      item.setAttribute('role', 'option');
      item.dataset.value = value === null ? 'new' : String(value);
      if (disabled) { item.classList.add('disabled'); item.setAttribute('aria-disabled', 'true'); }
      if (title) item.title = title;
      item.addEventListener('click', () => { if (!disabled) finish(value); });
      list.append(item);
      options.push({ item, value, disabled, label });
    };
    add(S.picker.newArticle, null, false);
    for (const article of articles) {
      if (article.key === exclude) continue;
      const locked = lockReason(article);
      add(fmt(S.picker.article, article.key, article.title || S.untitled), article.key, Boolean(locked), locked);
    }
    let active = 0;
    const visible = () => options.filter(o => !o.item.hidden && !o.disabled);
    const mark = () => {
      const v = visible();
      options.forEach(o => o.item.classList.remove('active'));
      if (v.length) {
        active = Math.max(0, Math.min(active, v.length - 1));
        v[active].item.classList.add('active');
        v[active].item.scrollIntoView({ block: 'nearest' });
      }
    };
    filter.addEventListener('input', () => {
      const q = filter.value.trim().toLowerCase();
      for (const o of options) o.item.hidden = q.length > 0 && !o.label.toLowerCase().includes(q);
      active = 0;
      mark();
    });
    dialog.addEventListener('keydown', e => {
      if (e.isComposing) return;
      if (e.key === 'ArrowDown') { active++; mark(); e.preventDefault(); }
      else if (e.key === 'ArrowUp') { active--; mark(); e.preventDefault(); }
      else if (e.key === 'Enter') { const v = visible(); if (v.length) finish(v[active].value); e.preventDefault(); }
    });
    const cancel = el('button', null, S.picker.cancel);
    cancel.type = 'button';
    cancel.addEventListener('click', () => finish(undefined));
    const foot = el('div', 'dialog-foot');
    foot.append(cancel);
    dialog.append(filter, list, foot);
    let done = false;
    function finish(value) {
      if (done) return;
      done = true;
      dialog.close();
      dialog.remove();
      resolve(value);
    }
    dialog.addEventListener('close', () => finish(undefined));
    dialog.addEventListener('click', e => { if (e.target === dialog) finish(undefined); });
    document.body.append(dialog);
    dialog.showModal();
    mark();
    filter.focus();
  });
}
