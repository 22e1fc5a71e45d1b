import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules', '.output', '.wxt', 'dist', 'coverage', 'tmp'] },
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
    files: ['lib/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['wxt', 'wxt/*', '#imports', 'webextension-polyfill'],
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
