import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';

// Preact has no WXT module; the Vite preset gives JSX and the react->preact aliases.
export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  vite: () => ({
    plugins: [preact()],
  }),
  manifest: {
    name: 'Parallax',
    description:
      'Compares the article you are reading with other outlets, passage by passage, and flags where the facts differ. Runs locally.',
    permissions: ['storage'],
  },
});
