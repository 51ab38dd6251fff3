// ESLint: TypeScript rules plus the layering rules (engine ↛ electron; renderer ↛ node/electron/engine; shared ↛ ours).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { builtinModules } from 'node:module';

// Bare names here; the 'node:*' forms are caught by the pattern below.
const nodeBuiltins = builtinModules.filter((m) => !m.startsWith('node:'));

export const layering = [
  {
    files: ['electron/engine/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'electron', message: 'The engine runs under plain Node: it must never import electron.' }],
        patterns: [
          { group: ['electron/*', 'electron-updater', 'keytar'], message: 'The engine must not depend on Electron or the shell.' },
          { group: ['**/shell/**', '**/renderer/**', '**/main', '**/preload'], message: 'The engine must not import the shell or the renderer.' },
        ],
      }],
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [
          { name: 'electron', message: 'The renderer talks to the engine only through the typed contract in shared/.' },
          ...nodeBuiltins.map((name) => ({ name, message: 'The renderer must not import Node built-ins.' })),
        ],
        patterns: [
          { group: ['node:*'], message: 'The renderer must not import Node built-ins.' },
          { group: ['**/electron/**', '**/electron', '**/engine/**'], message: 'The renderer must not import the main process or the engine; use shared/.' },
        ],
      }],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'electron', message: 'shared/ is used by both sides and imports nothing of ours but itself.' }],
        patterns: [{ group: ['**/electron/**', '**/electron', '**/renderer/**', '**/engine/**'], message: 'shared/ must not import electron/, renderer/ or the engine.' }],
      }],
    },
  },
];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'release/**', 'node_modules/**', 'test-results/**', 'test/fixtures/lint/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node }, ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-empty': ['error', { allowEmptyCatch: false }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
  ...layering,
);
