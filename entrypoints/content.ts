import { extractArticle, looksLikeArticle } from '../lib/extract';
import { PageController } from '../ext/page-controller';
import { isPaused, watchPaused } from '../ext/pause';
import { listen, sendToBackground } from '../ext/messaging';

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_idle',
  main(ctx) {
    const host = location.hostname;
    const controller = new PageController({
      doc: document,
      win: window,
      send: sendToBackground,
      looksLikeArticle,
      extractArticle,
      isPaused: () => isPaused(host),
      watchPaused: (cb) => watchPaused(host, cb),
      onMessage: (handlers) => listen('content', handlers),
    });
    // WXT polls location.href: the fallback where the Navigation API is missing (Firefox).
    ctx.addEventListener(window, 'wxt:locationchange', () => controller.onLocationMaybeChanged());
    ctx.onInvalidated(() => controller.stop());
    void controller.start();
  },
});
