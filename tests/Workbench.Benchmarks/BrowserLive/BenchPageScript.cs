namespace Workbench.Benchmarks.BrowserLive;

/// <summary>
/// What browser-live measures inside each page (added to every page before its own scripts run), so no figure includes a
/// Playwright round trip: times are taken in the page with performance.now() around the key event and a MutationObserver.
/// Times that are compared across the two pages are absolute (timeOrigin + now), corrected by each page's clock offset.
/// </summary>
internal static class BenchPageScript
{
    public const string Source = """
        (() => {
          const bench = window.__bench = { key: null, live: null, armed: new Map(), arrivals: new Map(), waiting: new Map() };
          const now = () => performance.timeOrigin + performance.now();

          // The key press: when the browser created the keydown event.
          addEventListener('keydown', e => { bench.key = performance.timeOrigin + e.timeStamp; }, true);

          // Page open → "Live": when #wb-conn says connected, in ms since the navigation started.
          const watchLive = () => {
            const conn = document.getElementById('wb-conn');
            if (!conn) return false;
            const check = () => {
              if (bench.live != null || conn.dataset.state !== 'connected') return;
              bench.live = performance.now();
              // Where the time went: the page's HTML received, the scripts run and the panes painted, then connecting and joining.
              const navigation = performance.getEntriesByType('navigation')[0];
              bench.openParts = {
                html: navigation?.responseEnd ?? null,
                painted: performance.getEntriesByName('editor:painted')[0]?.startTime ?? null,
                paint: window.editor?.paint?.stats.full ?? null,
                connected: performance.getEntriesByName('live:connected')[0]?.startTime ?? null,
              };
            };
            new MutationObserver(check).observe(conn, { attributes: true, attributeFilter: ['data-state'] });
            check();
            return true;
          };
          if (!watchLive()) document.addEventListener('DOMContentLoaded', watchLive);

          // What "the DOM shows it" means for each kind of change.
          const checks = {
            text: ({ n, text }) => Boolean(document.querySelector(`#lines .line[data-n="${n}"] .lt`)?.textContent.startsWith(text)),
            entity: ({ n }) => Boolean(document.querySelector(`#articles .seg[data-n="${n}"] .pc.ent`)),
            owner: ({ n, key }) => { const row = document.querySelector(`#lines .line[data-n="${n}"]`); return Boolean(row) && row.dataset.article !== String(key); },
          };

          /** Starts watching for a change; wait(name) resolves with when the DOM first showed it and what the editor repainted. */
          bench.arm = (name, kind, args) => {
            bench.armed.set(name, new Promise(resolve => {
              const observer = new MutationObserver(() => {
                if (!checks[kind](args)) return;
                observer.disconnect();
                const stats = window.editor?.paint?.stats;
                const painted = stats?.painted;
                resolve({
                  at: now(),
                  paint: stats?.last ?? null,
                  painted: painted ? { lines: [...painted.lines], segs: [...painted.segs], cards: [...painted.cards], order: painted.order } : null,
                });
              });
              observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
            }));
          };
          // (A change that never shows resolves after 20 s as null, counted as missed, so one lost change cannot hang the run.)
          bench.wait = name => Promise.race([bench.armed.get(name), new Promise(resolve => setTimeout(() => resolve(null), 20000))]);

          /** The same repaint again (rows, pieces, cards, and what it leaves for right after), then a full one, with the layout each causes: ms. */
          bench.repaint = painted => {
            const t0 = performance.now();
            window.editor.paint.update({ lines: new Set(painted.lines), segs: new Set(painted.segs), cards: new Set(painted.cards), order: painted.order });
            window.editor.paint.flushLater();
            void document.body.offsetHeight;
            const incremental = performance.now() - t0;
            const t1 = performance.now();
            window.editor.render();
            void document.body.offsetHeight;
            return { incremental, full: performance.now() - t1 };
          };

          // The baseline: a bare SignalR round trip through the benchmark's echo hub between the same two pages.
          bench.echo = async group => {
            const connection = new signalR.HubConnectionBuilder().withUrl('/hubs/echo').build();
            connection.on('Echo', id => {
              const at = now();
              bench.arrivals.set(id, at);
              bench.waiting.get(id)?.(at);
            });
            await connection.start();
            await connection.invoke('Join', group);
            bench.echoConnection = connection;
            bench.group = group;
          };
          bench.echoSend = async (id, payload) => {
            const at = now();
            await bench.echoConnection.invoke('Send', bench.group, id, payload);
            return at;
          };
          bench.echoWait = id => (bench.arrivals.has(id) ? bench.arrivals.get(id) : new Promise(resolve => bench.waiting.set(id, resolve)));

          // This page's high-resolution clock minus the wall clock, read at the wall clock's millisecond edges, so the two
          // pages' absolute times (each in its own renderer process) can be compared to well under a millisecond.
          bench.clockOffset = () => {
            const offsets = [];
            let last = Date.now();
            const until = performance.now() + 40;
            while (performance.now() < until) {
              const wall = Date.now();
              if (wall !== last) { offsets.push(now() - wall); last = wall; }
            }
            offsets.sort((a, b) => a - b);
            return offsets[Math.floor(offsets.length / 2)];
          };
        })();
        """;

    /// <summary>
    /// A line to change next, picked from the page's state, avoiding lines already used: for an edit any line with text, for a
    /// tag one no entity touches, for a split the middle line of an article with at least four lines of text. {n, key} or null.
    /// </summary>
    public const string PickTarget = """
        ([kind, used]) => {
          const s = window.editor.state;
          const taken = new Set(used);
          const lines = new Map(s.lines.map(l => [l.n, l]));
          const tagged = new Set(s.entities.flatMap(e => Array.from({ length: e.end.line - e.start.line + 1 }, (_, i) => e.start.line + i)));
          const articles = s.articles.filter(a => !a.locked);
          // Start at a different article each time, so changes spread over the page.
          const offset = used.length * 7;
          for (let i = 0; i < articles.length; i++) {
            const a = articles[(i + offset) % articles.length];
            const numbers = a.blocks.flatMap(b => Array.from({ length: b.lastLine - b.firstLine + 1 }, (_, k) => b.firstLine + k))
              .filter(n => (lines.get(n)?.text ?? '').trim().length >= 4);
            if (kind === 'split') {
              if (numbers.length >= 4 && !taken.has(numbers[numbers.length >> 1])) return JSON.stringify({ n: numbers[numbers.length >> 1], key: a.key });
              continue;
            }
            // A tag starts with a click on the line's first piece in the card: it must be plain text (not a suggestion).
            const plain = x => { const pc = document.querySelector(`#articles .seg[data-n="${x}"] .pc`); return pc && !pc.dataset.sugg && !pc.dataset.entity; };
            const n = numbers.find(x => !taken.has(x) && (kind !== 'tag' || (!tagged.has(x) && plain(x))) && x !== numbers[0]);
            if (n != null) return JSON.stringify({ n, key: a.key });
          }
          return JSON.stringify(null);
        }
        """;
}
