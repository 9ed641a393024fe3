// Every user-facing string of the workbench's browser code, in one object, so the page can be localised later
// (the server may inject a translated object as window.workbenchStrings). Placeholders: {0}, {1}, …

const defaults = {
  roles: {
    kicker: 'kicker', headline: 'headline', subheadline: 'subheadline', byline: 'byline', body: 'body',
    subhead: 'subhead', caption: 'caption', credit: 'credit', continuation: 'continuation', other: 'other',
  },
  statuses: {
    draft: 'draft', inProgress: 'in progress', submitted: 'submitted', approved: 'approved', changesRequested: 'changes requested',
  },
  untitled: 'Untitled',
  linesRef: 'lines {0}',
  continued: {
    from: 'Continued from page {0}',
    on: 'Continued on page {0}',
    unresolved: '(the other part is not in this project yet)',
    open: 'Open “{0}” on {1}',
    noNumber: '?',
    link: 'Link continuation…',
    unlink: 'Unlink',
    directionOn: 'continues on',
    directionFrom: 'continues from',
    choosePage: 'page…',
    chooseArticle: 'article…',
    pageOption: 'page {0} · {1}',
    confirm: 'Link',
    cancel: 'Cancel',
    noTargets: 'No other page of this issue to link to.',
  },
  segmentation: {
    automatic: 'Segmented automatically',
    mets: 'Articles from METS',
    pageXml: 'Articles from PAGE XML',
  },
  counts: '{0} lines · {1} articles',
  doubtful: 'Doubtful boundary: the segmenter is {0}% sure this article starts here.',

  connection: {
    connecting: 'Connecting…',
    connected: 'Live',
    reconnecting: 'Reconnecting…',
    offline: 'Offline',
    connectedTitle: 'Connected: changes by others appear as they happen.',
    reconnectingTitle: 'The connection dropped; trying to reconnect. Edits are paused.',
    offlineTitle: 'Not connected; edits are paused. Retrying in the background.',
    joinFailed: 'Could not open the page for live editing: {0}',
  },

  presence: {
    label: 'Editors on this page',
    inArticle: '{0} — in article #{1} {2}',
    onPage: '{0} — on this page',
  },

  actions: {
    split: 'Split',
    splitTitle: 'Split the article at the selected line (S)',
    mergePrev: 'Merge ↑',
    mergePrevTitle: 'Merge this article into the previous one (M)',
    mergeNext: 'Merge ↓',
    mergeNextTitle: 'Merge the next article into this one (Shift+M)',
    move: 'Move to…',
    moveTitle: 'Move the selected lines to another article (A) — or drag them onto a card',
    undo: 'Undo',
    undoTitle: 'Undo your last change (Ctrl+Z)',
    redo: 'Redo',
    redoTitle: 'Redo (Ctrl+Shift+Z or Ctrl+Y)',
    showOriginal: 'Show original OCR',
    showOriginalTitle: 'Show the original OCR text under each corrected line (O)',
    help: '?',
    helpTitle: 'Keyboard shortcuts (?)',
    history: 'History',
    historyTitle: 'Every change made to this page',
  },

  selection: {
    none: 'Click a line to select it; Shift+click extends.',
    one: 'Line {0} · article #{1}',
    range: 'Lines {0}–{1} · article #{2}',
    oneUnassigned: 'Line {0} · no article',
    rangeUnassigned: 'Lines {0}–{1} · no article',
    mixed: 'Lines {0}–{1} span several articles',
  },

  disabled: {
    offline: 'Not connected; wait until the connection is back.',
    noSelection: 'Select a line first.',
    noArticle: 'The selected line is not in an article.',
    approved: 'Article #{0} is approved; a reviewer must reopen it before it can be edited.',
    splitAtStart: 'Line {0} is the first line of article #{1}; select a later line to split there.',
    noPrevious: 'There is no previous article to merge into.',
    noNext: 'There is no next article to merge.',
    mixed: 'The selected lines belong to several articles; move them one article at a time.',
    nothingToUndo: 'Nothing to undo.',
    nothingToRedo: 'Nothing to redo.',
    busy: 'Waiting for the server…',
  },

  picker: {
    title: 'Move lines {0}–{1} to…',
    titleOne: 'Move line {0} to…',
    newArticle: '+ New article',
    article: '#{0} {1}',
    cancel: 'Cancel',
    filter: 'Filter articles',
  },

  editing: {
    lineHint: 'Enter saves · Escape cancels',
    titleHint: 'Enter saves · Escape cancels',
    roleLabel: 'Role of this block',
    titleClick: 'Click to edit the title',
    lineDouble: 'Double-click (or Enter) to correct this line',
    original: 'Original OCR: {0}',
    correctedMark: 'Corrected',
    changedWhileEditing: 'Someone changed this line while you were editing it.',
    titleChangedWhileEditing: 'Someone changed this title while you were editing it.',
  },

  toast: {
    rejected: 'Not applied',
    current: 'Current value: {0}',
    currentText: 'Current text: {0}',
    currentEmpty: '(empty)',
    undoRejected: 'Could not undo',
    redoRejected: 'Could not redo',
    error: 'Something went wrong: {0}',
    notes: 'Note',
    close: 'Dismiss',
    caughtUp: 'Reloaded the page state to catch up.',
    applied: '{0}: {1}',
  },

  tagging: {
    sources: { manual: 'manual', rule: 'rule', gazetteer: 'gazetteer' },
    entityTitle: '{0} ({1}): {2} · {3}',
    listTitle: 'Entities ({0})',
    groupCount: '{0} · {1}',
    itemTitle: 'Line {0} · {1} — click to show it',
    menuTitle: 'Tag “{0}” as…',
    menuHint: '1–9 tags · Shift+1–9 tags every occurrence in the article · Esc cancels',
    allInArticle: 'all in article',
    allOnPage: 'all on page',
    allInArticleTitle: 'Tag every occurrence of “{0}” in this article as {1}',
    allOnPageTitle: 'Tag every occurrence of “{0}” on the page as {1}',
    everyOccurrence: 'Tag every occurrence:',
    remove: 'Delete',
    popHint: '1–9 relabels · Delete removes · G tags all in article, Shift+G on the page · Tab next · Esc closes',
    tagged: 'Tagged {0} occurrences as {1}.',
    taggedOne: 'Tagged {0} occurrence as {1}.',
    noSelection: 'Select some text in an article first (drag, or press E and use Shift+arrows).',
    noEntities: 'This article has no entities yet.',
  },

  suggestions: {
    title: 'Suggested {0}: {1} ({2}) — Enter accepts, Delete rejects',
    barTitle: 'Suggestions ({0}):',
    acceptAll: 'Accept all {0}',
    rejectAll: 'Reject all {0}',
    acceptAllTitle: 'Accept all {1} {0} suggestions of this article (one change)',
    rejectAllTitle: 'Reject all {1} {0} suggestions of this article; they will not come back here',
    hint: 'N / P steps through them',
    none: 'No suggestions in this article.',
    rejected: 'Rejected {0} suggestions; they will not come back in this article.',
    rejectedOne: 'Rejected; it will not come back in this article.',
  },

  review: {
    barLabel: 'Review actions',
    start: 'Start',
    startTitle: 'Start working on this article (status: in progress)',
    submit: 'Submit',
    submitTitle: 'Submit this article for review',
    withdraw: 'Withdraw',
    withdrawTitle: 'Withdraw the submission and keep working on it',
    approve: 'Approve',
    approveTitle: 'Approve this article; it can no longer be edited until a reviewer reopens it',
    requestChanges: 'Request changes…',
    requestChangesTitle: 'Send the article back with a comment saying what to change',
    reopen: 'Reopen…',
    reopenTitle: 'Reopen this approved article for editing; the reason goes into the audit trail',
    changesPlaceholder: 'What should be changed? (required)',
    reopenPlaceholder: 'Why is the article reopened? (required)',
    sendChanges: 'Request changes',
    sendReopen: 'Reopen',
    cancel: 'Cancel',
    commentRequired: 'Write a comment first: a request for changes needs one.',
    reasonRequired: 'Write a reason first: reopening an approved article needs one.',
    rejected: 'Status not changed',
  },

  comments: {
    toggle: 'Comments',
    toggleTitle: 'Show or hide the comments on article #{0}',
    loading: 'Loading comments…',
    none: 'No comments yet.',
    placeholder: 'Add a comment…',
    send: 'Comment',
    decision: 'review decision',
    decisionTitle: 'Sent with a status change (version {0})',
    loadFailed: 'Could not load the comments of article #{0}: {1}',
    postFailed: 'Comment not added',
    empty: 'Write a comment first.',
    newFrom: 'New comment by {0} on article #{1}',
  },

  image: {
    title: 'Scan',
    toggle: 'Image',
    toggleTitle: "Show or hide the page's scan beside the lines",
    tint: 'Tint articles',
    tintTitle: "Tint each line's box on the scan in its article's colour",
    zoomIn: 'Zoom in',
    zoomOut: 'Zoom out',
    fit: 'Fit the whole page',
  },

  help: {
    title: 'Keyboard shortcuts',
    close: 'Close',
    rows: [
      ['Click / Shift+click', 'Select a line / extend the selection'],
      ['↑ / ↓', 'Move the selection (Shift extends) — when the lines pane has focus'],
      ['Enter / double-click', 'Correct the selected line'],
      ['S', 'Split the article at the selected line'],
      ['M / Shift+M', 'Merge with the previous / next article'],
      ['A', 'Move the selected lines to another article (or drag them onto a card)'],
      ['T', "Edit the title of the selected line's article"],
      ['O', 'Show or hide the original OCR of corrected lines'],
      ['E / click in a card', 'Place a text caret in the focused article'],
      ['← / → / ↑ / ↓', 'Move the caret by character / line (Shift extends the text selection)'],
      ['1–9', 'Tag the selected text with the label of that hotkey (or pick from the menu)'],
      ['Shift+1–9', 'Tag every occurrence of the selected text in the article'],
      ['Tab / Shift+Tab', 'Next / previous entity of the focused article (opens its popover)'],
      ['1–9 / Delete', 'In the entity popover: relabel / delete the entity'],
      ['G / Shift+G', 'In the entity popover: tag every occurrence in the article / on the page'],
      ['N / P', 'Next / previous suggestion in the focused article'],
      ['Enter / Delete', 'Accept / reject the current suggestion'],
      ['Ctrl+Z', 'Undo your last change'],
      ['Ctrl+Shift+Z / Ctrl+Y', 'Redo'],
      ['Escape', 'Cancel editing, close a dialog, clear the selection'],
      ['Click a box on the scan', 'Select its line (Shift extends); hovering a line outlines its box'],
      ['?', 'Show this help'],
    ],
  },
};

function merge(base, over) {
  if (!over || typeof over !== 'object' || Array.isArray(over)) return over ?? base;
  const out = { ...base };
  for (const [k, v] of Object.entries(over)) {
    out[k] = base && typeof base[k] === 'object' && !Array.isArray(base[k]) ? merge(base[k], v) : v;
  }
  return out;
}

export const S = merge(defaults, globalThis.workbenchStrings);

/** Fills {0}, {1}, … in a template. */
export function fmt(template, ...args) {
  return String(template).replace(/\{(\d+)\}/g, (m, i) => (args[i] ?? m));
}
