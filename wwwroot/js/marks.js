// Entities, suggestions and the text selection drawn into the article cards. Each line's `.seg` is split into
// `.pc[data-o]` pieces at every boundary of an entity, a suggestion, the selection or the caret; a piece carries the
// classes and colours of everything covering it. Nested entities stack their underlines (outermost lowest);
// an entity crossing a line break is drawn on both lines' segments.
import { S, fmt, optional } from './strings.js';
import { el } from './render.js';
import { compare } from './selection.js';
import { owners, layerName } from './model.js';

const GREY = '#667085';

export function labelInfo(state, name) {
  const info = (state.labels ?? []).find(l => l.name === name) ?? { name, displayName: name, color: GREY, hotkey: null, retired: true };
  return info.displayName ? info : { ...info, displayName: name };
}

export function activeLabels(state) {
  return (state.labels ?? []).filter(l => !l.retired);
}

/** Outer entities first: earlier start, then later end. */
export const byNesting = (a, b) => compare(a.start, b.start) || compare(b.end, a.end);

/** The entities of an article (an entity belongs to the article of its first line), outer first. */
export function entitiesOf(state, key) {
  const byLine = owners(state);
  return state.entities.filter(e => byLine.get(e.start.line)?.article.key === key).sort(byNesting);
}

function spans(item, n, length) {
  if (n < item.start.line || n > item.end.line) return null;
  return { from: n === item.start.line ? item.start.offset : 0, to: n === item.end.line ? item.end.offset : length };
}

/**
 * Builds what fillSeg needs for one render: marks per line. ui: {suggestions, selection: {start, end} | null,
 * caret: {line, offset} | null, activeEntity, activeSuggestion, flash: Set of entity keys}.
 */
export function prepareMarks(state, ui) {
  const lengths = new Map(state.lines.map(l => [l.n, l.text.length]));
  const byLine = new Map();
  const add = (n, mark) => {
    if (!byLine.has(n)) byLine.set(n, []);
    byLine.get(n).push(mark);
  };
  for (const entity of state.entities) {
    for (let n = entity.start.line; n <= entity.end.line; n++) add(n, { kind: 'entity', item: entity, ...spans(entity, n, lengths.get(n) ?? 0) });
  }
  const tagged = new Set(state.entities.map(e => `${e.label}|${e.start.line}:${e.start.offset}|${e.end.line}:${e.end.offset}`));
  for (const s of ui.suggestions) {
    if (tagged.has(`${s.label}|${s.start.line}:${s.start.offset}|${s.end.line}:${s.end.offset}`)) continue;
    for (let n = s.start.line; n <= s.end.line; n++) add(n, { kind: 'sugg', item: s, ...spans(s, n, lengths.get(n) ?? 0) });
  }
  return { state, ui, byLine };
}

/** Fills a card's line segment with its pieces; place.lead/place.end: the part of the line the card shows (model.placeOf). */
export function fillSeg(seg, line, place, prepared) {
  const { state, ui, byLine } = prepared;
  const { lead, end } = place;
  seg.dataset.lead = lead;
  seg.dataset.end = end;
  const clip = x => Math.max(lead, Math.min(end, x));
  const marks = (byLine.get(line.n) ?? []).map(m => ({ ...m, from: clip(m.from), to: clip(m.to) })).filter(m => m.from < m.to);
  const cuts = new Set([lead, end]);
  marks.forEach(m => { cuts.add(m.from); cuts.add(m.to); });
  const range = ui.selection ? spans(ui.selection, line.n, line.text.length) : null;
  if (range) { cuts.add(clip(range.from)); cuts.add(clip(range.to)); }
  const caret = ui.caret?.line === line.n ? clip(ui.caret.offset) : null;
  if (caret != null) cuts.add(caret);
  const points = [...cuts].sort((a, b) => a - b);
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i];
    const b = points[i + 1];
    if (a === caret) seg.append(caretNode());
    const piece = el('span', 'pc', line.text.slice(a, b));
    piece.dataset.o = a;
    const covering = marks.filter(m => m.from <= a && m.to >= b);
    paintEntities(piece, state, ui, covering.filter(m => m.kind === 'entity').map(m => m.item).sort(byNesting), line.n, a, b);
    paintSuggestions(piece, state, ui, covering.filter(m => m.kind === 'sugg').map(m => m.item));
    if (range && range.from <= a && range.to >= b) piece.classList.add('tsel');
    seg.append(piece);
  }
  if (caret != null && caret === points.at(-1)) seg.append(caretNode());
}

/** The OCR lines pane: a subtle underline in the label colour under tagged text (innermost entity's colour). */
export function fillLine(span, line, prepared) {
  const marks = (prepared.byLine.get(line.n) ?? []).filter(m => m.kind === 'entity' && m.from < m.to);
  if (!marks.length) { span.textContent = line.text; return; }
  const points = [...new Set([0, line.text.length, ...marks.flatMap(m => [m.from, m.to])])].sort((a, b) => a - b);
  for (let i = 0; i + 1 < points.length; i++) {
    const [a, b] = [points[i], points[i + 1]];
    const covering = marks.filter(m => m.from <= a && m.to >= b).map(m => m.item).sort(byNesting);
    if (!covering.length) { span.append(line.text.slice(a, b)); continue; }
    const piece = el('span', 'lent', line.text.slice(a, b));
    piece.style.setProperty('--ec', labelInfo(prepared.state, covering.at(-1).label).color);
    piece.title = covering.map(e => `${labelInfo(prepared.state, e.label).displayName}: ${e.text}`).join('\n');
    span.append(piece);
  }
}

function caretNode() {
  const node = el('span', 'caret');
  node.setAttribute('aria-hidden', 'true');
  return node;
}

function paintEntities(piece, state, ui, entities, n, a, b) {
  if (!entities.length) return;
  const inner = entities.at(-1);
  const colours = entities.map(e => labelInfo(state, e.label).color);
  piece.classList.add('ent');
  if (entities.some(e => e.pending)) piece.classList.add('pending');
  piece.dataset.entity = inner.key;
  piece.dataset.entities = entities.map(e => e.key).join(' ');
  piece.style.setProperty('--ec', colours.at(-1));
  piece.style.boxShadow = colours.map((c, i) => `inset 0 -${2 * (i + 1)}px 0 0 ${c}`).join(', ');
  piece.style.paddingBottom = `${Math.max(0, 2 * entities.length - 2)}px`;
  if (entities.some(e => e.start.line === n && e.start.offset === a)) piece.classList.add('ent-start');
  const ending = entities.filter(e => e.end.line === n && e.end.offset === b);
  if (ending.length) {
    piece.classList.add('ent-end');
    piece.dataset.tag = ending.map(e => e.label).join('·');
  }
  if (entities.some(e => e.key === ui.activeEntity)) piece.classList.add('ent-active');
  if (entities.some(e => ui.flash.has(e.key))) piece.classList.add('ent-flash');
  // Independent annotation: another annotator's layer (a curator sees them all) is drawn apart and named.
  const others = entities.filter(e => e.layer && e.layer !== state.annotation?.userId);
  if (others.length) piece.classList.add('ent-layer');
  piece.title = entities.map(e => (others.includes(e) ? fmt(S.layers.markPrefix, layerName(state, e.layer)) : '')
    + fmt(S.tagging.entityTitle, labelInfo(state, e.label).displayName, e.label, e.text, S.tagging.sources[e.source] ?? e.source)).join('\n');
}

function paintSuggestions(piece, state, ui, suggestions) {
  if (!suggestions.length) return;
  const first = suggestions[0];
  piece.classList.add('sugg');
  piece.dataset.sugg = first.rejectionKey;
  piece.dataset.suggArticle = first.articleKey;
  piece.style.setProperty('--sc', labelInfo(state, first.label).color);
  if (suggestions.some(s => s.rejectionKey === ui.activeSuggestion)) piece.classList.add('sugg-active');
  const titles = suggestions.map(s => fmt(S.suggestions.title, labelInfo(state, s.label).displayName, s.text, ruleName(s.ruleName)));
  piece.title = piece.title ? `${piece.title}\n${titles.join('\n')}` : titles.join('\n');
}

/** The collapsible entity list at the bottom of a card: grouped by label, with counts. */
export function entityList(state, article, entities, open) {
  const details = el('details', 'ents');
  details.dataset.key = article.key;
  details.open = open;
  const summary = el('summary', null, fmt(S.tagging.listTitle, entities.length));
  details.append(summary);
  const groups = new Map();
  for (const entity of entities) {
    if (!groups.has(entity.label)) groups.set(entity.label, []);
    groups.get(entity.label).push(entity);
  }
  for (const [name, items] of groups) {
    const info = labelInfo(state, name);
    const group = el('div', 'ent-group');
    const head = el('div', 'ent-group-head');
    head.append(chip(info), el('span', 'muted', fmt(S.tagging.groupCount, info.displayName, items.length)));
    group.append(head);
    const list = el('div', 'ent-items');
    for (const entity of items) {
      const item = el('button', `ent-item${entity.pending ? ' pending' : ''}`, entity.text.replace(/\n/g, ''));
      item.type = 'button';
      item.dataset.entity = entity.key;
      item.style.setProperty('--ec', info.color);
      item.title = fmt(S.tagging.itemTitle, entity.start.line, S.tagging.sources[entity.source] ?? entity.source);
      list.append(item);
    }
    group.append(list);
    details.append(group);
  }
  return details;
}

/** The suggestion bar of the focused card: per label, a count and "Accept all" / "Reject all". */
export function suggestionBar(state, article, suggestions) {
  const bar = el('div', 'sugg-bar');
  bar.dataset.key = article.key;
  bar.append(el('span', 'muted', fmt(S.suggestions.barTitle, suggestions.length)));
  const groups = new Map();
  for (const s of suggestions) groups.set(s.label, (groups.get(s.label) ?? 0) + 1);
  for (const [name, count] of groups) {
    const info = labelInfo(state, name);
    const group = el('span', 'sugg-group');
    group.append(chip(info), el('span', 'muted', String(count)));
    for (const action of ['acceptAll', 'rejectAll']) {
      const b = el('button', `mini ${action}`, fmt(S.suggestions[action], info.displayName));
      b.type = 'button';
      b.dataset.action = action;
      b.dataset.label = name;
      b.title = fmt(S.suggestions[`${action}Title`], info.displayName, count);
      group.append(b);
    }
    bar.append(group);
  }
  bar.append(el('span', 'muted hint', S.suggestions.hint));
  return bar;
}

/** How a suggestion's rule reads: a built-in rule by its localised name, a project pattern by its pattern. */
export function ruleName(name) {
  const text = String(name ?? '');
  if (text.startsWith('pattern:')) return fmt(S.suggestions.patternRule, text.slice('pattern:'.length));
  return optional(`suggestions.rules.${text}`) ?? text;
}

export function chip(info, extra = '') {
  const node = el('span', `label-chip ${extra}`.trim(), info.name);
  node.style.setProperty('--label', info.color);
  node.title = info.displayName;
  return node;
}
