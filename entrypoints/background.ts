import { startBackground } from '../ext/background-main';
import { buildCorpusIndex, getCorpusArticles, subscribeCorpusChanges } from '../ext/corpus';
import { registerCorpusFeatures } from '../ext/corpus-features';
import { analyzePage } from '../lib/report';
import { analyzeSemantic, syncReaderVectors } from '../ext/semantic-engine';
import { watchCorpusVectors } from '../ext/corpus-vectors';

export default defineBackground(() => {
  // The engine runs here, in the service worker (Chrome) or background page (Firefox): never on
  // the page's main thread.
  startBackground({
    getArticles: getCorpusArticles,
    // The index saved for this corpus when there is one (a restarted service worker), else built.
    buildIndex: buildCorpusIndex,
    analyzePage,
    analyzeSemantic,
    subscribeCorpusChanges,
  });
  registerCorpusFeatures();
  // The reader's articles' sentence vectors, computed once when they are added or imported.
  watchCorpusVectors(subscribeCorpusChanges, getCorpusArticles, syncReaderVectors);
});
