namespace Workbench.Segmentation.Synthetic;

/// <summary>The JavaScript run in the generated page: pour body text into regions, then read every printed line's box.</summary>
public static class Scripts
{
    /// <summary>
    /// <c>fill()</c>: for each article in <c>FILL</c>, sentences go into its regions in document order; a sentence that would
    /// leave the region (a column past the right edge, or below the bottom) goes to the next region (a paragraph broken
    /// there continues unindented); when the last region is full the rest is dropped. Then any printed element that
    /// sticks out of its module is removed (whole elements, never half lines), and brief titles left without a body.
    /// </summary>
    public const string Fill = """
        function fits(el, region) {
          const b = region.getBoundingClientRect();
          for (const r of el.getClientRects()) {
            if (r.right > b.right + 1 || r.bottom > b.bottom + 1 || r.left < b.left - 1) return false;
          }
          return true;
        }
        function fill() {
          const latin = document.documentElement.lang !== 'zh-CN';
          const byArticle = {};
          for (const r of document.querySelectorAll('[data-fill]')) (byArticle[r.dataset.fill] ??= []).push(r);
          for (const [id, items] of Object.entries(FILL)) {
            const regions = byArticle[id] || [];
            let ri = 0;
            const newP = (cont) => {
              const p = document.createElement('p');
              p.dataset.a = id; p.dataset.r = 'body';
              if (cont) p.className = 'cont';
              regions[ri].appendChild(p);
              return p;
            };
            outer: for (const item of items) {
              if (ri >= regions.length) break;
              if (item.Kind === 'h') {
                const h = document.createElement('div');
                h.className = 'sh'; h.dataset.a = id; h.dataset.r = 'subhead'; h.textContent = item.Sentences[0];
                regions[ri].appendChild(h);
                if (!fits(h, regions[ri])) { h.remove(); ri++; if (ri >= regions.length) break outer; regions[ri].appendChild(h); if (!fits(h, regions[ri])) { h.remove(); break outer; } }
                continue;
              }
              let p = newP(false);
              for (const s of item.Sentences) {
                const span = document.createElement('span');
                span.textContent = latin ? s + ' ' : s;
                p.appendChild(span);
                while (!fits(span, regions[ri])) {
                  span.remove();
                  const hadText = p.childNodes.length > 0;
                  if (!hadText) p.remove();
                  ri++;
                  if (ri >= regions.length) break outer;
                  p = newP(hadText);
                  p.appendChild(span);
                }
              }
            }
          }
          for (const el of [...document.querySelectorAll('[data-r]')]) {
            const m = el.closest('.m');
            if (!m) continue;
            const b = m.getBoundingClientRect();
            const r = el.getBoundingClientRect();
            if (r.bottom > b.bottom + 1 || r.right > b.right + 1) el.remove();
          }
          for (const brief of [...document.querySelectorAll('.brief')]) {
            if (!brief.querySelector('p')) brief.remove();
          }
          for (const p of [...document.querySelectorAll('p')]) if (!p.textContent.trim()) p.remove();
        }
        function lines() {
          const out = [];
          for (const el of document.querySelectorAll('[data-r]')) {
            let cur = null;
            const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
            const range = document.createRange();
            for (let node = walker.nextNode(); node; node = walker.nextNode()) {
              const text = node.textContent;
              for (let i = 0; i < text.length; i++) {
                const ch = text[i];
                if (/\s/.test(ch)) { if (cur) cur.text += ch; continue; }
                range.setStart(node, i); range.setEnd(node, i + 1);
                const r = range.getBoundingClientRect();
                if (r.width === 0 || r.height === 0) continue;
                if (cur && Math.abs(r.top - cur.top) < r.height * 0.5 && r.left >= cur.right - 2) {
                  cur.text += ch; cur.right = Math.max(cur.right, r.right); cur.bottom = Math.max(cur.bottom, r.bottom); cur.top = Math.min(cur.top, r.top);
                } else {
                  cur = { a: el.dataset.a, r: el.dataset.r, text: ch, left: r.left, top: r.top, right: r.right, bottom: r.bottom };
                  out.push(cur);
                }
              }
            }
          }
          return out.map(l => ({ article: l.a, role: l.r, text: l.text.trim(), x: Math.round(l.left), y: Math.round(l.top), width: Math.round(l.right - l.left), height: Math.round(l.bottom - l.top) }));
        }
        """;
}
