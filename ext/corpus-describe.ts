import type { CorpusAddResult } from './protocol';

/** The reader-facing sentence for the result of adding a page (popup, context menu toast). */
export function describeAddResult(res: CorpusAddResult): string {
  switch (res.status) {
    case 'added':
      return `Added “${res.title}” (${res.outlet}) to your corpus.`;
    case 'duplicate':
      return `Already in your corpus: “${res.title}” (same ${res.reason === 'url' ? 'address' : 'text'}).`;
    case 'error':
      return res.message;
  }
}

/**
 * What the reader is told when the browser would not let Parallax read the tab (the error of
 * scripting.executeScript), and what to do about it. Parallax has no standing access to sites
 * (docs/permissions.md): "Add this page" reads a tab through the activeTab grant of the reader's
 * click on the toolbar button or the page's menu, which ends when the tab loads another site.
 * The patterns are Chrome's and Firefox's error messages; no API names these cases.
 */
export function describeReadError(browserMessage: string): string {
  const m = browserMessage;
  if (/must request permission|missing host permission|cannot access contents/i.test(m))
    return (
      'Parallax can’t read this page: it has no access to this site right now. ' +
      'Click the Parallax button in the toolbar while the page is open (or right-click the page and ' +
      'choose “Add this page to Parallax”), then try again.'
    );
  if (/chrome:|about:|edge:|-extension:|extensions gallery|cannot be scripted|file:/i.test(m))
    return (
      'Parallax can’t read this page: browsers do not let extensions read their own pages, ' +
      'extension stores or local files. Open the article on the web and try again.'
    );
  if (/no tab with id|invalid tab id/i.test(m))
    return 'Parallax can’t read this page: the tab was closed. Open the article again and try again.';
  if (/error page/i.test(m))
    return 'Parallax can’t read this page: it did not load. Reload it and try again.';
  return `Parallax can’t read this page. Reload it and try again. (The browser said: ${m})`;
}
