// ESLint (flat config) with typescript-eslint's recommended rules; Prettier formats (npm run format).
// The engine's boundaries (no vscode, LSP or Node built-ins; the others through its index) are kept by
// no-restricted-imports here and by test/unit/boundaries.test.ts, which also keeps the engine inside its
// folder and forbids import cycles.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', '.bench/**', '.e2e-cache/**', '**/*.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: 'module',
      globals: {
        console: 'readonly',
        process: 'readonly',
        require: 'readonly',
        module: 'readonly',
        __dirname: 'readonly',
        Buffer: 'readonly',
        globalThis: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        URL: 'readonly',
        performance: 'readonly',
        fetch: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-require-imports': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      // control characters and runs of spaces in regular expressions are meant: a CSV is made of them
      'no-control-regex': 'off',
      'no-regex-spaces': 'off',
      'no-empty': ['error', { allowEmptyCatch: true }],
    },
  },
  {
    files: ['server/src/engine/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*', 'vscode', 'vscode-*', 'fs', 'path', 'os', 'child_process', 'worker_threads'],
              message: 'The engine is pure: text in, findings out (ARCHITECTURE.md).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['server/src/cli/**/*.ts', 'server/src/handlers/**/*.ts', 'server/src/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/engine/*', '!**/engine/index'], message: 'Reach the engine through its index (server/src/engine/index.ts).' },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { sourceType: 'module' },
  },
);
