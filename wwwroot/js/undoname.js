// What an undo or redo would do, in the user's language, for the toolbar's tooltips and accessible names. Built from the
// operation the user made (its kind and numbers only: no server text, no English words passed into a translated string).
import { S, fmt } from './strings.js';

/** A short description of an operation the user made ("set the title of article 3"). */
export function describeOperation(operation) {
  const k = S.undo.kinds;
  const o = operation ?? {};
  const lines = (first, last) => (first === last ? fmt(k.line, first) : fmt(k.lines, first, last));
  switch (o.kind) {
    case 'splitArticle': return fmt(k.splitArticle, o.articleKey, o.atLine);
    case 'mergeArticles': return fmt(k.mergeArticles, o.articleKey, o.intoArticleKey);
    case 'moveLines': return o.toArticleKey == null
      ? fmt(k.moveLinesNew, lines(o.firstLine, o.lastLine))
      : fmt(k.moveLines, lines(o.firstLine, o.lastLine), o.toArticleKey);
    case 'setBlockRole': return fmt(k.setBlockRole, o.blockIndex + 1, o.articleKey);
    case 'setTitle': return fmt(k.setTitle, o.articleKey);
    case 'editLine': return fmt(k.editLine, o.line);
    case 'addEntity': return fmt(k.addEntity, o.label, o.start?.line ?? '?');
    case 'relabelEntity': return fmt(k.relabelEntity, o.expectedLabel, o.label);
    case 'removeEntity': return k.removeEntity;
    case 'setStatus': return fmt(k.setStatus, o.articleKey);
    case 'assign': return fmt(k.assign, o.articleKey);
    case 'linkContinuation': return fmt(k.linkContinuation, o.articleKey);
    case 'unlinkContinuation': return fmt(k.unlinkContinuation, o.articleKey);
    case 'batch': {
      const steps = o.operations ?? [];
      return steps.length === 1 ? describeOperation(steps[0]) : fmt(k.batch, steps.length);
    }
    default: return k.other;
  }
}
