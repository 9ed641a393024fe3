// The editor's actions on the selected lines and articles: split, merge, move, and opening the line and title
// editors. Each says why when it cannot run (a toast with the reason availability() gives).
import { S } from './strings.js';
import { toast, pickArticle } from './ui.js';
import { availability } from './editing.js';
import { articleByKey, lockReason } from './model.js';

/** Adds split, merge, move, startLineEdit, startTitleEdit and currentArticle to wb (editor.js). */
export function addActions(wb) {
  const can = selection => availability(wb.shown(), selection, wb.connected());

  function blocked(reason) {
    if (reason) toast('info', reason);
    return Boolean(reason);
  }

  wb.currentArticle = () => availability(wb.shown(), wb.view.selection, true).article;

  wb.split = () => {
    const now = can(wb.view.selection);
    if (blocked(now.split)) return;
    wb.editing.split(now.article.key, wb.view.selection.first);
  };

  wb.merge = direction => {
    const now = can(wb.view.selection);
    if (blocked(direction < 0 ? now.mergePrev : now.mergeNext)) return;
    const articles = wb.shown().articles;
    const index = articles.indexOf(now.article);
    if (direction < 0) wb.editing.merge(now.article.key, articles[index - 1].key);
    else wb.editing.merge(articles[index + 1].key, now.article.key);
  };

  wb.move = async () => {
    const now = can(wb.view.selection);
    if (blocked(now.move)) return;
    const { first, last } = wb.view.selection;
    const target = await pickArticle(wb.shown().articles, { first, last, exclude: now.article?.key });
    if (target === undefined) return;
    await wb.editing.moveLines(first, last, target);
    wb.linesEl.focus();
  };

  wb.moveTo = (first, last, key) => {
    const now = can({ first, last });
    if (blocked(now.move) || now.article?.key === key) return;
    wb.editing.moveLines(first, last, key);
  };

  wb.startLineEdit = n => {
    if (blocked(can({ first: n, last: n }).edit)) return;
    wb.textedits.startLine(n);
  };

  wb.startTitleEdit = key => {
    const article = articleByKey(wb.shown(), key);
    if (!article) return;
    if (blocked(lockReason(article) ?? (wb.connected() ? null : S.disabled.offline))) return;
    wb.setFocusArticle(key);
    wb.textedits.startTitle(key);
  };
}
