// The action bar (buttons mirror the keyboard shortcuts) and the connection indicator.
import { S, fmt } from './strings.js';
import { el } from './render.js';

export function showConnection(status) {
  const node = document.getElementById('wb-conn');
  node.dataset.state = status;
  node.querySelector('.label').textContent = S.connection[status] ?? status;
  node.title = S.connection[`${status}Title`] ?? '';
}

export function createToolbar(handlers) {
  const bar = document.getElementById('wb-actions');
  const history = document.getElementById('wb-history');
  history.textContent = S.actions.history;
  history.title = S.actions.historyTitle;

  const buttons = {};
  function button(name, handler, extra = '') {
    const wrap = el('span', 'btn-wrap');
    const b = el('button', `tool ${extra}`.trim(), S.actions[name]);
    b.type = 'button';
    b.id = `wb-${name}`;
    b.addEventListener('click', () => handler());
    wrap.append(b);
    buttons[name] = { wrap, button: b, title: S.actions[`${name}Title`] };
    return wrap;
  }
  const group = (...children) => {
    const g = el('div', 'tool-group');
    g.append(...children);
    return g;
  };

  const selectionInfo = el('span', 'selection-info muted');
  selectionInfo.id = 'wb-selection';

  const original = el('label', 'toggle');
  original.title = S.actions.showOriginalTitle;
  const box = el('input');
  box.type = 'checkbox';
  box.id = 'wb-show-original';
  box.addEventListener('change', () => handlers.onShowOriginal(box.checked));
  original.append(box, ' ', S.actions.showOriginal);

  bar.append(
    group(button('split', handlers.onSplit), button('mergePrev', handlers.onMergePrev), button('mergeNext', handlers.onMergeNext), button('move', handlers.onMove)),
    group(button('undo', handlers.onUndo), button('redo', handlers.onRedo)),
    selectionInfo,
    group(original, button('help', handlers.onHelp, 'round')),
  );

  // what: what the action would do (undo and redo name the change); it replaces the generic title and the accessible name.
  function set(name, reason, what = null) {
    const { wrap, button: b } = buttons[name];
    const title = what ? fmt(S.actions[`${name}WhatTitle`], what) : buttons[name].title;
    b.disabled = Boolean(reason);
    wrap.title = reason ? `${title}\n${reason}` : title;
    b.title = wrap.title;
    if (what) b.setAttribute('aria-label', fmt(S.actions[`${name}What`], what));
    else b.removeAttribute('aria-label');
  }

  return {
    update({ can, selection, editing, connected }) {
      set('split', can.split);
      set('mergePrev', can.mergePrev);
      set('mergeNext', can.mergeNext);
      set('move', can.move);
      set('undo', !connected ? S.disabled.offline : editing.canUndo ? null : S.disabled.nothingToUndo, editing.undoWhat);
      set('redo', !connected ? S.disabled.offline : editing.canRedo ? null : S.disabled.nothingToRedo, editing.redoWhat);
      set('help', null);
      if (!selection) {
        selectionInfo.textContent = S.selection.none;
      } else if (can.move === S.disabled.mixed) {
        selectionInfo.textContent = fmt(S.selection.mixed, selection.first, selection.last);
      } else {
        const one = selection.first === selection.last;
        const key = can.article?.key;
        selectionInfo.textContent = key == null
          ? (one ? fmt(S.selection.oneUnassigned, selection.first) : fmt(S.selection.rangeUnassigned, selection.first, selection.last))
          : (one ? fmt(S.selection.one, selection.first, key) : fmt(S.selection.range, selection.first, selection.last, key));
      }
      bar.setAttribute('aria-busy', editing.busy ? 'true' : 'false');
    },
    toggleOriginal() {
      box.checked = !box.checked;
      handlers.onShowOriginal(box.checked);
    },
  };
}
