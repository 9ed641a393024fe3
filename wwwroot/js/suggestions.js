// Suggestions from the server (rules, the project's gazetteer): fetched for the whole page on load and again,
// debounced, for the articles a change touched. Accepting one is an ordinary addEntity with the suggestion's source;
// rejecting one is remembered by the server for that article, so it does not come back.

export function createSuggestions({ pageId, onChange, onError }) {
  let list = [];
  let timer = null;
  let chain = Promise.resolve();
  let all = false;
  const touched = new Set();
  const dropped = new Set();

  /** Fetches the suggestions of the given articles (a Set of keys), or of every article (null), and puts them in the list. */
  async function fetchFor(keys) {
    try {
      const query = keys ? `?articles=${[...keys].join(',')}` : '';
      const response = await fetch(`/api/pages/${pageId}/suggestions${query}`, { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
      if (!response.ok) return;
      const next = (await response.json()).filter(s => !dropped.has(s.rejectionKey));
      list = keys ? [...list.filter(s => !keys.has(s.articleKey)), ...next].sort((a, b) => a.articleKey - b.articleKey) : next;
      dropped.clear();
      onChange();
    } catch (err) {
      console.warn('suggestions failed', err);
    }
  }

  /** Refreshes (one request at a time, in order, so a later answer is never overwritten by an earlier one). */
  function refresh(keys = null) {
    chain = chain.then(() => fetchFor(keys));
    return chain;
  }

  /** Refreshes after a pause: the articles in `keys` (a Set) collected over the pause, or every article when null. */
  function schedule(delay = 600, keys = null) {
    if (keys == null) all = true; else keys.forEach(k => touched.add(k));
    clearTimeout(timer);
    timer = setTimeout(() => {
      const batch = all ? null : new Set(touched);
      all = false;
      touched.clear();
      if (batch == null || batch.size) refresh(batch);
    }, delay);
  }

  /** Takes suggestions off the list at once (accepted or rejected); a fetch already under way will not bring them back. */
  function drop(keys) {
    const gone = new Set(keys);
    keys.forEach(k => dropped.add(k));
    list = list.filter(s => !gone.has(s.rejectionKey));
    onChange();
  }

  async function reject(articleKey, keys) {
    drop(keys);
    try {
      const response = await fetch(`/api/pages/${pageId}/suggestions/reject`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        credentials: 'same-origin',
        body: JSON.stringify({ articleKey, keys }),
      });
      if (!response.ok) throw new Error(`${response.status}`);
      return true;
    } catch (err) {
      onError(err);
      schedule(0);
      return false;
    }
  }

  return {
    get all() { return list; },
    forArticle: key => list.filter(s => s.articleKey === key),
    find: key => list.find(s => s.rejectionKey === key) ?? null,
    refresh,
    schedule,
    drop,
    reject,
  };
}
