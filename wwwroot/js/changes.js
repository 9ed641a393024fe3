// What a change from the server repaints. A line's text or an entity repaints the rows and card pieces it shows on
// (the rest of those cards follows, paint.js); boundaries, roles, titles and statuses repaint whole cards and the rows
// whose article, block start or lock changed; a reload of the whole state repaints everything, unless it is the version
// already on screen. Others' changes flash for a moment.
import { owners } from './model.js';
import { isLinkChange } from './continued.js';

const FLASH_MS = 2400;

/** Flashes that survive repaints by remembering when they started: flash(kind, ids, className), paintFlash(node, 'kind:id'). */
export function flashes() {
  const flashing = new Map(); // 'line:n' | 'card:key' -> {start, className}
  return {
    flash(kind, ids, className) {
      const now = performance.now();
      for (const id of ids) flashing.set(`${kind}:${id}`, { start: now, className });
    },
    paintFlash(node, id) {
      const entry = flashing.get(id);
      if (!entry) return;
      const age = performance.now() - entry.start;
      if (age > FLASH_MS) { flashing.delete(id); return; }
      node.classList.add(entry.className);
      node.style.animationDelay = `-${Math.round(age)}ms`;
    },
  };
}

// Per line, what its row shows of its article: the article, the role tag on a block's first line, the lock.
function ownerSignature(state) {
  const map = new Map();
  for (const [n, o] of owners(state)) map.set(n, `${o.article.key}|${o.first ? o.block.role : ''}|${o.article.locked ?? ''}`);
  return map;
}

/** wb: the editor (store, shown(), me, echo, textedits, painter, tagging); flash(kind, ids, className); onLinks(). */
export function trackChanges(wb, { flash, onLinks }) {
  const { store } = wb;
  // What was last painted from the server's state: its version, article list, entities by key, owner signatures.
  const seen = { version: -1, articles: null, entities: new Map(), owners: new Map() };

  function track() {
    seen.version = store.state.page.version;
    seen.articles = store.state.articles;
    seen.entities = new Map(store.state.entities.map(e => [e.key, e]));
    seen.owners = ownerSignature(wb.shown());
  }

  function addEntity(touched, entity) {
    for (let n = entity.start.line; n <= entity.end.line; n++) { touched.lines.add(n); touched.segs.add(n); }
  }

  function serverChanged(changes, info) {
    const state = store.state;
    wb.echo.confirm();
    if (info?.catchUp) {
      if (state.page.version !== seen.version) {
        flash('line', changes.lines, 'flash');
        flash('card', changes.articles, 'flash');
        wb.textedits.linesChanged(changes.lines);
        track();
        wb.painter.full();
        wb.tagging.suggestions.schedule();
      } else {
        track();
      }
      return;
    }
    const structural = state.articles !== seen.articles;
    const touched = { lines: new Set(changes.lines), segs: new Set(), cards: new Set(structural ? changes.articles : []), order: false };
    // A line's neighbours may show differently too (a word rejoined across the break).
    for (const n of changes.lines) { touched.segs.add(n - 1); touched.segs.add(n); touched.segs.add(n + 1); }
    const entities = new Map(state.entities.map(e => [e.key, e]));
    for (const [key, entity] of entities) if (seen.entities.get(key) !== entity) addEntity(touched, entity);
    for (const [key, entity] of seen.entities) if (!entities.has(key)) addEntity(touched, entity);
    if (structural) {
      touched.order = true;
      const next = ownerSignature(wb.shown());
      for (const n of new Set([...next.keys(), ...seen.owners.keys()])) if (next.get(n) !== seen.owners.get(n)) touched.lines.add(n);
    }
    if (info && info.authorId !== wb.me) {
      flash('line', changes.lines, 'flash');
      flash('card', changes.articles, 'flash');
    }
    track();
    wb.textedits.linesChanged(changes.lines);
    wb.painter.update(touched);
    wb.tagging.suggestions.schedule(600, changes.articles);
    if (isLinkChange(info)) onLinks();
  }

  return { track, serverChanged };
}
