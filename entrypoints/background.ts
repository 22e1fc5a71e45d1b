import { AnalysisService } from '../ext/analysis-service';
import { getCorpusArticles, subscribeCorpusChanges } from '../ext/corpus';
import { registerCorpusFeatures } from '../ext/corpus-features';
import { buildIndex } from '../lib/corpus-index';
import { analyzePage } from '../lib/report';

export default defineBackground(() => {
  // The engine runs here, in the service worker (Chrome) or background page (Firefox): never on
  // the page's main thread.
  new AnalysisService({
    getArticles: getCorpusArticles,
    buildIndex,
    analyzePage,
    subscribeCorpusChanges,
  }).start();
  registerCorpusFeatures();
});
