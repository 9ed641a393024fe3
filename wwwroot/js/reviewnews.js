// Tells the annotator, with a toast, when someone else approves one of their articles or sends it back, while the
// page is open. "Theirs": assigned to them, or submitted by them since the page was opened (an article submitted
// without an assignment has no other mark on the page).
import { S, fmt } from './strings.js';
import { toast } from './ui.js';

const snapshot = state => new Map(state.articles.map(a => [a.key, { status: a.status, assigneeId: a.assigneeId ?? null }]));

/** Returns seen(info): call it after each change of the server's state (info: the live broadcast's author, or catchUp). */
export function watchReviews({ me, state }) {
  let known = snapshot(state());
  const submittedByMe = new Set();
  return function seen(info) {
    const now = state();
    for (const article of now.articles) {
      const before = known.get(article.key);
      if (!before || before.status === article.status) continue;
      const byMe = info?.authorId != null && info.authorId === me;
      if (byMe) {
        if (article.status === 'submitted') submittedByMe.add(article.key);
        else submittedByMe.delete(article.key);
        continue;
      }
      const mine = me != null && (article.assigneeId === me || before.assigneeId === me || submittedByMe.has(article.key));
      if (!mine || before.status !== 'submitted') continue;
      if (article.status === 'approved') {
        toast('info', fmt(S.reviewNews.approved, article.key), [article.title]).dataset.news = 'approved';
      } else if (article.status === 'changesRequested') {
        toast('info', fmt(S.reviewNews.sentBack, article.key), [article.title, S.reviewNews.sentBackHint], { stay: true }).dataset.news = 'changesRequested';
      }
      submittedByMe.delete(article.key);
    }
    known = snapshot(now);
  };
}
