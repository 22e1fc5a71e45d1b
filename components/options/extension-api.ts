import { corpusStore, subscribeCorpusChanges } from '../../ext/corpus';
import type { CorpusApi } from './api';

/**
 * The options page works on the store directly: it is an extension page with the same storage as
 * the background, and storage.onChanged tells the background (and other open pages) of changes.
 */
export function extensionCorpusApi(): CorpusApi {
  const store = corpusStore();
  return {
    list: () => store.list(),
    deleteArticle: (id) => store.deleteArticle(id),
    setHidden: (id, hidden) => store.setHidden(id, hidden),
    importFile: (json) => store.importFile(json),
    exportFile: (opts) => store.exportFile(opts),
    notice: () => store.notice(),
    dismissNotice: () => store.dismissNotice(),
    quarantine: () => store.quarantine(),
    subscribe: subscribeCorpusChanges,
  };
}
