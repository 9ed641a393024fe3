// Text selection inside article cards, in page coordinates: anchors {line, offset} with UTF-16 offsets into the
// line's current text (the same coordinates entities use on the server). A selection is {key, anchor, head}: the
// article it is in, where it started and where it ends now (head may come before anchor).
//
// Each `.seg[data-n]` in a card shows one line's trimmed text, split into `.pc[data-o]` pieces; data-o is the
// piece's offset in the untrimmed line, so a DOM position maps back exactly. Offsets snap to grapheme boundaries
// (Intl.Segmenter), so a surrogate pair or a combining sequence is never split.

import { placeOf, lineByNumber } from './model.js';

const segmenter = typeof Intl !== 'undefined' && Intl.Segmenter ? new Intl.Segmenter(undefined, { granularity: 'grapheme' }) : null;

/** Grapheme boundaries of a string (UTF-16 offsets), from 0 to text.length. */
export function boundaries(text) {
  const cuts = [];
  if (segmenter) {
    for (const { index } of segmenter.segment(text)) cuts.push(index);
  } else {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (!(c >= 0xdc00 && c <= 0xdfff && i > 0)) cuts.push(i);
    }
  }
  cuts.push(text.length);
  return cuts;
}

/** The nearest grapheme boundary at or before (dir < 0) or at or after (dir > 0) an offset. */
export function snap(text, offset, dir) {
  const cuts = boundaries(text);
  if (dir < 0) return cuts.filter(c => c <= offset).at(-1) ?? 0;
  return cuts.find(c => c >= offset) ?? text.length;
}

export const compare = (a, b) => a.line - b.line || a.offset - b.offset;

/** The page text of a range: lines joined with "\n" (what the server's PageText.Slice computes). */
export function pageSlice(state, start, end) {
  const text = n => lineByNumber(state, n)?.text ?? '';
  if (start.line === end.line) return text(start.line).slice(start.offset, end.offset);
  const parts = [text(start.line).slice(start.offset)];
  for (let n = start.line + 1; n < end.line; n++) parts.push(text(n));
  parts.push(text(end.line).slice(0, end.offset));
  return parts.join('\n');
}

/** The lines of an article the card shows, in reading order: [{n, text, lead, end}] ([lead, end): the shown part). */
export function articleLines(state, article) {
  const out = [];
  for (const block of article.blocks) {
    for (let n = block.firstLine; n <= block.lastLine; n++) {
      const line = lineByNumber(state, n);
      if (!line) continue;
      const { lead, end } = placeOf(state, line);
      if (end > lead) out.push({ n, text: line.text, lead, end });
    }
  }
  return out;
}

/** Maps a DOM position inside a card to an anchor, or null when it is not inside a line's text. */
export function anchorFromDom(node, offset) {
  if (!node) return null;
  const element = node.nodeType === Node.TEXT_NODE ? node.parentElement : node;
  const piece = element?.closest?.('.pc');
  if (piece && node.nodeType === Node.TEXT_NODE) {
    const seg = piece.closest('.seg');
    return { line: Number(seg.dataset.n), offset: Number(piece.dataset.o) + offset };
  }
  // An element position (or text outside any piece, like the space between two lines): the nearest piece edge.
  const seg = element?.closest?.('.seg');
  if (seg) {
    const pieces = [...seg.querySelectorAll('.pc')];
    const child = node.nodeType === Node.TEXT_NODE ? node : node.childNodes[offset];
    const after = pieces.find(p => child && (p === child || p.contains(child) || (child.compareDocumentPosition(p) & Node.DOCUMENT_POSITION_FOLLOWING)));
    if (after) return { line: Number(seg.dataset.n), offset: Number(after.dataset.o) };
    return { line: Number(seg.dataset.n), offset: Number(seg.dataset.end) };
  }
  const text = element?.closest?.('.btext');
  if (!text) return null;
  const child = node.nodeType === Node.TEXT_NODE ? node : node.childNodes[offset];
  const segs = [...text.querySelectorAll('.seg')];
  const next = segs.find(s => child && (s === child || (child.compareDocumentPosition(s) & Node.DOCUMENT_POSITION_FOLLOWING)));
  if (next) return { line: Number(next.dataset.n), offset: Number(next.dataset.lead) };
  const last = segs.at(-1);
  return last ? { line: Number(last.dataset.n), offset: Number(last.dataset.end) } : null;
}

/**
 * Normalises a range for an entity: start before end, snapped outward to grapheme boundaries, and edges that
 * sit on a line break (end of a line / start of the next) moved onto the text. Returns {start, end} or null.
 */
export function normalise(state, article, a, b) {
  let [start, end] = compare(a, b) <= 0 ? [a, b] : [b, a];
  const lines = articleLines(state, article);
  const at = n => lines.find(l => l.n === n);
  const first = at(start.line);
  const last = at(end.line);
  if (!first || !last) return null;
  start = { line: start.line, offset: snap(first.text, Math.max(first.lead, Math.min(start.offset, first.end)), -1) };
  end = { line: end.line, offset: snap(last.text, Math.max(last.lead, Math.min(end.offset, last.end)), 1) };
  const index = n => lines.findIndex(l => l.n === n);
  while (start.line < end.line && start.offset >= at(start.line).end) {
    const next = lines[index(start.line) + 1];
    start = { line: next.n, offset: next.lead };
  }
  while (end.line > start.line && end.offset <= at(end.line).lead) {
    const previous = lines[index(end.line) - 1];
    end = { line: previous.n, offset: previous.end };
  }
  if (compare(start, end) >= 0) return null;
  return { start, end };
}

/** Moves a caret through an article's text: by grapheme (Left/Right), by line (Up/Down), to a line's ends (Home/End). */
export function moveCaret(state, article, caret, how) {
  const lines = articleLines(state, article);
  if (!lines.length) return caret;
  let i = lines.findIndex(l => l.n === caret?.line);
  if (i < 0) return { line: lines[0].n, offset: lines[0].lead };
  const line = lines[i];
  const offset = Math.max(line.lead, Math.min(caret.offset, line.end));
  const cuts = boundaries(line.text).filter(c => c >= line.lead && c <= line.end);
  switch (how) {
    case 'left': {
      const previous = cuts.filter(c => c < offset).at(-1);
      if (previous != null) return { line: line.n, offset: previous };
      if (i === 0) return { line: line.n, offset: line.lead };
      const up = lines[i - 1];
      // Crossing a line break lands one grapheme before the previous line's end.
      const upCuts = boundaries(up.text).filter(c => c >= up.lead && c < up.end);
      return { line: up.n, offset: upCuts.at(-1) ?? up.lead };
    }
    case 'right': {
      const next = cuts.find(c => c > offset);
      if (next != null) return { line: line.n, offset: next };
      if (i === lines.length - 1) return { line: line.n, offset: line.end };
      const down = lines[i + 1];
      const downCuts = boundaries(down.text).filter(c => c > down.lead && c <= down.end);
      return { line: down.n, offset: downCuts[0] ?? down.end };
    }
    case 'up':
    case 'down': {
      i += how === 'up' ? -1 : 1;
      if (i < 0 || i >= lines.length) return { line: line.n, offset: how === 'up' ? line.lead : line.end };
      const target = lines[i];
      const column = offset - line.lead;
      return { line: target.n, offset: snap(target.text, Math.min(target.lead + column, target.end), -1) };
    }
    case 'home': return { line: line.n, offset: line.lead };
    case 'end': return { line: line.n, offset: line.end };
    default: return { line: line.n, offset };
  }
}
