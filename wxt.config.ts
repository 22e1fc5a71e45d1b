import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import type { Plugin } from 'vite';

/**
 * Parallax never inserts HTML from strings (page text is always text). Preact's only HTML sink is
 * `dangerouslySetInnerHTML`, which our code never uses: the bundle gets a version that throws
 * instead, so no later change can start using it and `web-ext lint` has no sink to flag.
 */
function noPreactHtmlSink(): Plugin {
  const sink = '(u.innerHTML=h.__html)';
  return {
    name: 'parallax:no-preact-html-sink',
    transform(code, id) {
      if (!/[\\/]preact[\\/]dist[\\/]preact\.module\.js/.test(id) || !code.includes(sink)) return null;
      return code
        .replace(sink, '(()=>{throw new Error("Parallax: dangerouslySetInnerHTML is disabled")})()')
        .replace('u.innerHTML=""', 'u.textContent=""');
    },
  };
}

// Preact has no WXT module; the Vite preset gives JSX and the react->preact aliases.
export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  // The browser tests build into their own folder, so they never race a developer's build.
  outDir: process.env.PARALLAX_OUT_DIR || '.output',
  vite: () => ({
    plugins: [preact(), noPreactHtmlSink()],
  }),
  manifest: ({ browser, manifestVersion }) => ({
    name: 'Parallax',
    description:
      'Compares the article you are reading with other outlets, passage by passage, and flags where the facts differ. Runs locally.',
    // Each one is justified in docs/permissions.md. Chrome's build adds "sidePanel" for the panel.
    permissions: ['storage', 'unlimitedStorage', 'contextMenus', 'activeTab', 'scripting'],
    action: { default_title: 'Parallax' },
    // The sentence encoder runs on WebAssembly in the background (ADR 010): extension pages may
    // compile wasm, nothing else is loosened.
    content_security_policy:
      manifestVersion === 3
        ? { extension_pages: "script-src 'self' 'wasm-unsafe-eval'; object-src 'self';" }
        : "script-src 'self' 'wasm-unsafe-eval'; object-src 'self';",
    // Browser tests cannot click the toolbar button or menu that grants activeTab for "Add this
    // page"; their build gets the local test server's host instead. Never set for a release.
    ...(process.env.PARALLAX_E2E_HOST_ACCESS ? { host_permissions: ['http://127.0.0.1/*'] } : {}),
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'parallax@example.org',
              // 140: the first with data_collection_permissions (and the CSS Custom Highlight API).
              strict_min_version: '140.0',
              data_collection_permissions: { required: ['none'] },
            },
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : {}),
  }),
});
