import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * Globals of the extension, the page and Node that the engine must not touch. DOM types (`Document`,
 * `Element`, `Node`) stay usable as types: they are not values here.
 */
const LIB_FORBIDDEN_GLOBALS = [
  'browser',
  'chrome',
  'window',
  'self',
  'document',
  'location',
  'navigator',
  'history',
  'localStorage',
  'sessionStorage',
  'indexedDB',
  'caches',
  'fetch',
  'XMLHttpRequest',
  'WebSocket',
  'DOMParser',
  'MutationObserver',
  'IntersectionObserver',
  'ResizeObserver',
  'requestAnimationFrame',
  'requestIdleCallback',
  'getComputedStyle',
  'getSelection',
  'customElements',
  'CSS',
  'Highlight',
  'alert',
  'confirm',
  'prompt',
  'process',
  'Buffer',
  'require',
  '__dirname',
  '__filename',
];

export default tseslint.config(
  {
    ignores: [
      'node_modules',
      '.output',
      '.wxt',
      'dist',
      'coverage',
      'tmp',
      '.cache',
      'public/model',
      'public/wasm',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Plain Node scripts (run before dependencies exist, so not TypeScript).
    files: ['**/*.mjs'],
    languageOptions: {
      globals: { URL: 'readonly', console: 'readonly', process: 'readonly', Buffer: 'readonly' },
    },
  },
  {
    // The engine is plain data in, plain data out: it must run in Node and in any extension context.
    // A Document passed in as a parameter is fine (extraction reads one); reaching for the page's,
    // the extension's or Node's globals is not. tsconfig.lib.json type-checks lib/ without them.
    files: ['lib/**/*.ts'],
    rules: {
      'no-restricted-globals': [
        'error',
        ...LIB_FORBIDDEN_GLOBALS.map((name) => ({
          name,
          message: 'lib/ must not use browser, extension or Node globals: take what you need as a parameter.',
        })),
      ],
      'no-restricted-properties': [
        'error',
        ...['globalThis', 'self', 'window'].flatMap((object) =>
          LIB_FORBIDDEN_GLOBALS.map((property) => ({
            object,
            property,
            message: 'lib/ must not use browser, extension or Node globals.',
          })),
        ),
      ],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                'wxt',
                'wxt/*',
                '#imports',
                'webextension-polyfill',
                '@wxt-dev/*',
                'preact',
                'preact/*',
              ],
              message: 'lib/ must not use extension APIs.',
            },
            {
              group: ['**/components/**', '**/entrypoints/**', '**/ext/**', 'node:*', 'fs', 'path'],
              message: 'lib/ is plain data in, plain data out.',
            },
          ],
        },
      ],
    },
  },
  {
    // Facts are a union by kind and tokens are read through tokenAt(): nothing here asserts
    // that a value is there (issue 8).
    files: ['lib/facts/**/*.ts', 'lib/discrepancies/**/*.ts', 'lib/words/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'error' },
  },
);
