import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';

// Preact has no WXT module; the Vite preset gives JSX and the react->preact aliases.
export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  // The browser tests build into their own folder, so they never race a developer's build.
  outDir: process.env.PARALLAX_OUT_DIR || '.output',
  vite: () => ({
    plugins: [preact()],
  }),
  manifest: ({ browser }) => ({
    name: 'Parallax',
    description:
      'Compares the article you are reading with other outlets, passage by passage, and flags where the facts differ. Runs locally.',
    // Each one is justified in docs/permissions.md. Chrome's build adds "sidePanel" for the panel.
    permissions: ['storage', 'unlimitedStorage', 'contextMenus', 'activeTab', 'scripting'],
    action: { default_title: 'Parallax' },
    // Browser tests cannot click the toolbar button or menu that grants activeTab for "Add this
    // page"; their build gets the local test server's host instead. Never set for a release.
    ...(process.env.PARALLAX_E2E_HOST_ACCESS ? { host_permissions: ['http://127.0.0.1/*'] } : {}),
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'parallax@example.org',
              strict_min_version: '115.0',
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : {}),
  }),
});
