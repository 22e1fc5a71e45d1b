import { startBackground } from '../ext/background-main';
import { buildCorpusIndex, getCorpusArticles, subscribeCorpusChanges } from '../ext/corpus';
import { registerCorpusFeatures } from '../ext/corpus-features';
import { analyzePage } from '../lib/report';
import { analyzeSemantic, syncReaderVectors } from '../ext/semantic-engine';
import { watchCorpusVectors } from '../ext/corpus-vectors';
import { AnalysisCache } from '../lib/analysis-cache';

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
    // Owned here, for the life of the background (a restarted service worker starts empty).
    cache: new AnalysisCache(),
  });
  registerCorpusFeatures();
  // The reader's articles' sentence vectors, computed once when they are added or imported.
  watchCorpusVectors(subscribeCorpusChanges, getCorpusArticles, syncReaderVectors);
});
