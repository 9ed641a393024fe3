// Every user-facing string of the browser code comes from the page, never from here: the server renders
// <script type="application/json" id="wb-strings"> (Pages/Shared/_ClientStrings.cshtml) from
// src/Workbench.Web/Resources/Localization/ClientStrings.resx (English) and ClientStrings.zh-Hans.resx (Chinese),
// in the user's UI culture, with English filling any key the culture lacks.
//
// Key convention: the resx keys are flat and dotted and mirror this object: the key "actions.split" is S.actions.split,
// "tagging.sources.manual" is S.tagging.sources.manual; numbered groups ("help.rows.01.keys", "help.rows.01.text")
// arrive as arrays. Templates use {0}, {1}, … filled by fmt(). To add a string: add the key to BOTH resx files
// (Web.Tests' ClientStringsTests fails when they differ or when a js file uses an S.<key> that does not exist), then
// read it here as S.<group>.<name>. Do not put English defaults in JS.
//
// A key that is missing shows as the key itself ("actions.split") and logs a console warning, so it is visible.
// Dates and numbers: use the helpers below; they format with Intl in the page's <html lang>.

const MISSING = new Set();
let RAW = {};

function read() {
  const node = typeof document !== 'undefined' ? document.getElementById('wb-strings') : null;
  if (!node) {
    console.warn('strings: no #wb-strings block on this page; every string shows as its key');
    return {};
  }
  try {
    return JSON.parse(node.textContent);
  } catch (err) {
    console.warn('strings: the #wb-strings block is not valid JSON', err);
    return {};
  }
}

function missing(path) {
  if (!MISSING.has(path)) {
    MISSING.add(path);
    console.warn(`strings: missing key "${path}"`);
  }
  return path;
}

// Wraps a level of the strings object: a missing leaf reads as its dotted key (and warns); a group stays wrapped,
// so S.a.b.c on a missing group gives "a.b.c". Symbols and array internals pass through, so for…of works on arrays.
const WRAPPED = new WeakMap();

function wrap(value, path) {
  const cached = WRAPPED.get(value);
  if (cached) return cached;
  const proxy = new Proxy(value, {
    get(target, prop) {
      if (typeof prop === 'symbol') return Reflect.get(target, prop);
      const child = Reflect.get(target, prop);
      if (Array.isArray(target) && !(prop in target)) return child;
      const full = path ? `${path}.${prop}` : String(prop);
      if (child === undefined) {
        // Unknown groups can still be indexed (S.missingGroup.x); as a string they read as the key.
        return wrap(Object.assign(Object.create(null), { toString: () => missing(full), [Symbol.toPrimitive]: () => missing(full) }), full);
      }
      return child !== null && typeof child === 'object' ? wrap(child, full) : child;
    },
  });
  WRAPPED.set(value, proxy);
  return proxy;
}

RAW = read();
export const S = wrap(RAW, '');

/** The string at a dotted path, or undefined (no warning) when there is none: for names that may legitimately lack one. */
export function optional(path) {
  const value = String(path).split('.').reduce((node, part) => (node && typeof node === 'object' ? node[part] : undefined), RAW);
  return typeof value === 'string' ? value : undefined;
}

/** Fills {0}, {1}, … in a template; {1:plural:article|articles} picks the form for the count (first for 1, last otherwise). */
export function fmt(template, ...args) {
  return String(template).replace(/\{(\d+)(?::plural:([^}]*))?\}/g, (m, i, forms) => {
    const value = args[i];
    if (value === undefined) return m;
    if (forms === undefined) return value;
    const list = forms.split('|');
    return Number(value) === 1 ? list[0] : list[list.length - 1];
  });
}

/** The page's language (<html lang>), for Intl. */
export const lang = (typeof document !== 'undefined' && document.documentElement.lang) || undefined;

/** A date and time in the page's language and the viewer's time zone, naming the zone (time.js). */
export { formatLocal as formatDateTime } from './time.js';

/** A number in the page's language. */
export function formatNumber(value) {
  return new Intl.NumberFormat(lang).format(value);
}
