// Times in the viewer's own time zone, saying which zone. The server writes <time datetime="…Z" data-local="minutes">
// with the time in UTC and "UTC" after it (so the page reads right without script); this rewrites each one in the
// browser's time zone and the page's language (<html lang>), with the zone's short name ("GMT+8") and its full name
// ("Asia/Shanghai") as the tooltip. Browser code that shows times uses formatLocal too (strings.js formatDateTime).

const lang = (typeof document !== 'undefined' && document.documentElement.lang) || undefined;

/** The browser's IANA time zone, e.g. "Asia/Shanghai". */
export const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

const formats = new Map();

function format(seconds) {
  const key = seconds ? 's' : 'm';
  if (!formats.has(key)) {
    formats.set(key, new Intl.DateTimeFormat(lang, {
      year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
      ...(seconds ? { second: '2-digit' } : {}), timeZoneName: 'short',
    }));
  }
  return formats.get(key);
}

/** A date and time in the viewer's zone and language, with the zone's name. */
export function formatLocal(value, { seconds = false } = {}) {
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? String(value) : format(seconds).format(date);
}

/** Rewrites every <time data-local> under root. */
export function localizeTimes(root) {
  for (const node of root.querySelectorAll('time[data-local]')) {
    node.textContent = formatLocal(node.dateTime, { seconds: node.dataset.local === 'seconds' });
    node.title = timeZone;
    node.dataset.zone = timeZone;
  }
}
