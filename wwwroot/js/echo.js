// Local echo: the author's own change shows at once, marked pending, for the kinds whose result is plain without the
// server (a line's text, adding, relabelling and removing an entity, a block's role, a title; boundaries wait for the
// server). The rules stay on the server: a pending change is drawn only while what it expects still holds, and the
// server's answer settles it. Accepted: its broadcast carries the real result and the pending mark goes. Refused: it
// is taken back (visibly) and the caller is told, so what the user typed can be kept.
//
// store.state stays the server's state; view() is that state with the pending changes drawn over it (new objects
// only for what they touch, marked `pending`), and is what the editor shows and builds new operations against.

const ECHOED = new Set(['editLine', 'addEntity', 'relabelEntity', 'removeEntity', 'setBlockRole', 'setTitle']);

export function echoable(op) {
  return op?.kind === 'batch' ? op.operations.length > 0 && op.operations.every(echoable) : ECHOED.has(op?.kind);
}

/** onChange(touched: {lines, segs, cards: Sets}, how: 'added' | 'settled' | 'rolledBack') after every change of the overlay. */
export function createEcho({ store, onChange }) {
  const entries = [];
  let nextId = 1;
  let generation = 0;
  let cached = null;

  function view() {
    const state = store.state;
    if (!entries.length) return state;
    if (cached && cached.state === state && cached.version === state.page.version && cached.generation === generation) return cached.view;
    const draft = { state, lines: null, lineIndex: null, entities: null, articles: null };
    for (const entry of entries) draw(draft, entry, entry.op);
    const derived = draft.lines || draft.entities || draft.articles
      ? { ...state, lines: draft.lines ?? state.lines, entities: draft.entities ?? state.entities, articles: draft.articles ?? state.articles }
      : state;
    cached = { state, version: state.page.version, generation, view: derived };
    return derived;
  }

  // Draws one pending operation over the draft view, only where its precondition still holds.
  function draw(d, entry, op, part = 0) {
    switch (op.kind) {
      case 'batch': op.operations.forEach((o, i) => draw(d, entry, o, i)); break;
      case 'editLine': {
        const lines = d.lines ??= d.state.lines.slice();
        d.lineIndex ??= new Map(lines.map((l, i) => [l.n, i]));
        const i = d.lineIndex.get(op.line);
        if (i != null && lines[i].text === op.expectedText) lines[i] = { ...lines[i], text: op.newText, pending: true };
        break;
      }
      case 'addEntity': {
        const entities = d.entities ??= d.state.entities.slice();
        // The server puts an annotator's tag in their layer (independent annotation): a duplicate only within it.
        const layer = d.state.annotation && !d.state.annotation.curator ? d.state.annotation.userId : null;
        const same = e => (e.layer ?? null) === layer && e.label === op.label && e.start.line === op.start.line && e.start.offset === op.start.offset && e.end.line === op.end.line && e.end.offset === op.end.offset;
        if (!entities.some(same)) {
          entities.push({ key: -(entry.id * 1000 + part), label: op.label, start: op.start, end: op.end, text: op.text, source: op.source ?? 'manual', pending: true, ...(layer ? { layer } : {}) });
        }
        break;
      }
      case 'relabelEntity': {
        const entities = d.entities ??= d.state.entities.slice();
        const i = entities.findIndex(e => e.key === op.entityKey);
        if (i >= 0 && entities[i].label === op.expectedLabel) entities[i] = { ...entities[i], label: op.label, pending: true };
        break;
      }
      case 'removeEntity': {
        const entities = d.entities ??= d.state.entities.slice();
        const i = entities.findIndex(e => e.key === op.entityKey);
        if (i >= 0) entities.splice(i, 1);
        break;
      }
      case 'setBlockRole':
      case 'setTitle': {
        const articles = d.articles ??= d.state.articles.slice();
        const i = articles.findIndex(a => a.key === op.articleKey);
        if (i < 0) break;
        const article = articles[i];
        if (op.kind === 'setTitle') {
          if (article.title === op.expectedTitle) articles[i] = { ...article, title: op.title, pendingTitle: true };
        } else if (article.blocks[op.blockIndex]) {
          const blocks = article.blocks.slice();
          blocks[op.blockIndex] = { ...blocks[op.blockIndex], role: op.role, pending: true };
          articles[i] = { ...article, blocks };
        }
        break;
      }
      default: break;
    }
  }

  /**
   * What an operation draws on: its lines' rows and card pieces (segs: the rest of the card follows at once, see
   * paint.js), or whole cards for a role or a title.
   */
  function touched(op, state = view(), into = { lines: new Set(), segs: new Set(), cards: new Set() }) {
    const add = (first, last) => {
      for (let n = first; n <= last; n++) { into.lines.add(n); into.segs.add(n); }
    };
    switch (op.kind) {
      case 'batch': op.operations.forEach(o => touched(o, state, into)); break;
      case 'editLine': add(op.line, op.line); break;
      case 'addEntity': add(op.start.line, op.end.line); break;
      case 'relabelEntity':
      case 'removeEntity': {
        const entity = state.entities.find(e => e.key === op.entityKey) ?? store.state.entities.find(e => e.key === op.entityKey);
        if (entity) add(entity.start.line, entity.end.line);
        break;
      }
      case 'setBlockRole': {
        into.cards.add(op.articleKey);
        const block = state.articles.find(a => a.key === op.articleKey)?.blocks[op.blockIndex];
        if (block) into.lines.add(block.firstLine);
        break;
      }
      case 'setTitle': into.cards.add(op.articleKey); break;
      default: break;
    }
    return into;
  }

  function changed(entry, how) {
    generation++;
    onChange(touched(entry.op), how);
  }

  return {
    /** Draws an operation at once; returns its entry (null when its kind waits for the server). */
    add(op) {
      if (!echoable(op)) return null;
      const entry = { id: nextId++, op, version: null };
      entries.push(entry);
      changed(entry, 'added');
      return entry;
    },
    /** The server accepted it as version v: it goes once the state includes v. */
    accepted(entry, version) {
      if (!entry) return;
      entry.version = version;
      this.confirm();
    },
    /** The server refused it (or it never left): take it back. */
    refused(entry) {
      const i = entry ? entries.indexOf(entry) : -1;
      if (i < 0) return;
      const touchedBefore = touched(entry.op);
      entries.splice(i, 1);
      generation++;
      onChange(touched(entry.op, view(), touchedBefore), 'rolledBack');
    },
    /** Drops the accepted entries the server's state now includes. */
    confirm() {
      const version = store.state.page.version;
      for (const entry of entries.filter(e => e.version != null && e.version <= version)) {
        const touchedBefore = touched(entry.op);
        entries.splice(entries.indexOf(entry), 1);
        generation++;
        onChange(touched(entry.op, view(), touchedBefore), 'settled');
      }
    },
    view,
    touched,
    get size() { return entries.length; },
  };
}
