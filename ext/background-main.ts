import { AnalysisService, type AnalysisDeps } from './analysis-service';
import { addTabToCorpus } from './corpus-features';
import { listen } from './messaging';

/**
 * The background's one message listener: the analysis's messages and the corpus's, each checked
 * against its route before it is answered. Returns a function that stops everything it started.
 */
export function startBackground(deps: AnalysisDeps): { service: AnalysisService; stop(): void } {
  const service = new AnalysisService(deps);
  service.start();
  const unlisten = listen('background', {
    ...service.handlers,
    'corpus-add-tab': (msg) => addTabToCorpus(msg.tabId),
  });
  return {
    service,
    stop: () => {
      unlisten();
      service.stop();
    },
  };
}
