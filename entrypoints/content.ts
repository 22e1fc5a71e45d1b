import { browser } from 'wxt/browser';
import { extractArticle, looksLikeArticle } from '../lib/extract';
import { PageController } from '../ext/page-controller';
import { isPaused, watchPaused } from '../ext/pause';

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_idle',
  main(ctx) {
    const host = location.hostname;
    const controller = new PageController({
      doc: document,
      win: window,
      send: (msg) => browser.runtime.sendMessage(msg),
      looksLikeArticle,
      extractArticle,
      isPaused: () => isPaused(host),
      watchPaused: (cb) => watchPaused(host, cb),
      onMessage: (listener) => {
        const l = (msg: unknown) => {
          listener(msg);
          return undefined;
        };
        browser.runtime.onMessage.addListener(l);
        return () => browser.runtime.onMessage.removeListener(l);
      },
    });
    // WXT polls location.href: the fallback where the Navigation API is missing (Firefox).
    ctx.addEventListener(window, 'wxt:locationchange', () => controller.onLocationMaybeChanged());
    ctx.onInvalidated(() => controller.stop());
    void controller.start();
  },
});
