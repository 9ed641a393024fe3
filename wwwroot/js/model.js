// The page as the server sends it, looked up: which article owns each line, each article's joined text and where each
// line went in it, why an article is locked, and the rules that came with the state (state.rules). Every index is
// built once per change of what it reads and shared by every module; nothing here decides what the server decides.
import { S, fmt } from './strings.js';

const memos = new WeakMap();

// One value per (object, name, version): lines are patched in place, so their indexes are also keyed by the page version.
function memo(object, name, version, build) {
  let entry = memos.get(object);
  if (!entry) memos.set(object, entry = {});
  const hit = entry[name];
  if (hit && hit.version === version) return hit.value;
  const value = build();
  entry[name] = { version, value };
  return value;
}

/** Line number → {article, block, index (of the block), first (the block's first line)} for every line an article holds. */
export function owners(state) {
  return memo(state.articles, 'owners', 0, () => {
    const map = new Map();
    for (const article of state.articles) {
      article.blocks.forEach((block, index) => {
        for (let n = block.firstLine; n <= block.lastLine; n++) map.set(n, { article, block, index, first: n === block.firstLine });
      });
    }
    return map;
  });
}

/** The key of the article holding line n, or null. */
export function ownerKey(state, n) {
  return owners(state).get(n)?.article.key ?? null;
}

export function articleByKey(state, key) {
  return memo(state.articles, 'byKey', 0, () => new Map(state.articles.map(a => [a.key, a]))).get(key) ?? null;
}

export function lineByNumber(state, n) {
  return memo(state.lines, 'byN', state.page.version, () => new Map(state.lines.map(l => [l.n, l]))).get(n) ?? null;
}

/** The line numbers an article holds, in reading order (blocks in order). */
export function linesOf(article) {
  const out = [];
  for (const block of article.blocks) for (let n = block.firstLine; n <= block.lastLine; n++) out.push(n);
  return out;
}

/** Line number → {key, text, textStart, sourceStart, length}: where the server's join put the line (state.texts). */
function spans(state) {
  const texts = state.texts ?? [];
  return memo(texts, 'spans', 0, () => {
    const map = new Map();
    for (const { key, text, spans: list } of texts) {
      for (const [n, textStart, sourceStart, length] of list) map.set(n, { key, text, textStart, sourceStart, length });
    }
    return map;
  });
}

/** The server's joined text of an article (what exports write), or null before the server sent it. */
export function articleText(state, key) {
  return memo(state.texts ?? [], 'texts', 0, () => new Map((state.texts ?? []).map(t => [t.key, t.text]))).get(key) ?? null;
}

/** Leading whitespace a card trims off a line: it shows [lead, end) of the line's text. */
export function trimmed(text) {
  const lead = text.length - text.trimStart().length;
  return { lead, end: lead + text.trim().length };
}

/**
 * Where line n is in the server's join: {textStart, length} of the article text, and {lead, end}, the part of the
 * line the card shows (the join drops surrounding whitespace and an end-of-line hyphen it rejoins). A line whose text
 * is not the one the server joined (a change still pending, or a patch without texts) shows its trimmed text.
 */
export function placeOf(state, line) {
  const span = spans(state).get(line.n);
  if (span && !line.pending && line.text.slice(span.sourceStart, span.sourceStart + span.length) === span.text.slice(span.textStart, span.textStart + span.length)) {
    return { key: span.key, text: span.text, textStart: span.textStart, length: span.length, lead: span.sourceStart, end: span.sourceStart + span.length, joined: true };
  }
  return { key: span?.key ?? null, text: span?.text ?? null, textStart: span?.textStart ?? null, length: span?.length ?? 0, ...trimmed(line.text), joined: false };
}

/** The lock's reason code (from the server: the article is approved, …), or null when the article may be edited. */
export function lockOf(article) {
  return article?.locked ?? null;
}

/** Why an article cannot be edited, in the user's language, or null. */
export function lockReason(article) {
  const code = lockOf(article);
  return code ? fmt(S.disabled[code], article.key) : null;
}

/** Below this confidence an article's opening boundary is doubtful. */
export function isDoubtful(state, article) {
  return article.confidence < state.rules.doubtful;
}

/** The status changes the user may make from a status: [{action, from, to, needsComment}] (from the server). */
export function transitionsFrom(state, status) {
  return state.rules.transitions.filter(t => t.from === status);
}

// Distinct hues by the golden angle over article keys, so neighbouring articles differ and an article keeps its colour
// when others are split or merged (keys never change; positions do).
const colourCache = new Map();
export function articleColour(key) {
  let colour = colourCache.get(key);
  if (!colour) {
    const hue = Math.round((key * 137.508 + 200) % 360);
    colour = { tint: `hsl(${hue} 70% 95%)`, strong: `hsl(${hue} 75% 86%)`, edge: `hsl(${hue} 55% 45%)` };
    colourCache.set(key, colour);
  }
  return colour;
}

/** Independent annotation: the display name of an annotator's layer (the state names the layers its viewer may see). */
export function layerName(state, userId) {
  return state.annotation?.names?.[userId] ?? userId;
}
