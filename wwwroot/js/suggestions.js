// Suggestions from the server (rules, the project's gazetteer): fetched for the whole page on load and again,
// debounced, after changes. Accepting one is an ordinary addEntity with the suggestion's source; rejecting one is
// remembered by the server for that article, so it does not come back.

export function createSuggestions({ pageId, onChange, onError }) {
  let list = [];
  let timer = null;
  let generation = 0;
  const dropped = new Set();

  async function refresh() {
    const mine = ++generation;
    try {
      const response = await fetch(`/api/pages/${pageId}/suggestions`, { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
      if (!response.ok || mine !== generation) return;
      const next = await response.json();
      if (mine !== generation) return;
      list = next.filter(s => !dropped.has(s.rejectionKey));
      dropped.clear();
      onChange();
    } catch (err) {
      console.warn('suggestions failed', err);
    }
  }

  function schedule(delay = 600) {
    clearTimeout(timer);
    timer = setTimeout(refresh, delay);
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
