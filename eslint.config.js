import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';


// DESIGN.md's arrows, enforced (issue #13). A wrong-way import fails `npm run lint`;
// test/unit/lint/arrows.test.ts proves each rule fires.
const DEXIE = { group: ['dexie', 'dexie-react-hooks', 'dexie/*'], message: 'Only renderer/db talks to Dexie (live queries: renderer/db/live.ts).' };
const ELECTRON = { group: ['electron', 'electron/*', '**/platform/electron', '**/platform/electron.ts'], message: 'Only renderer/platform knows Electron; ask the platform for a capability.' };
export const ARROWS = [
  {
    files: ['shared/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['**/renderer/**', '**/electron/**', '@renderer/*'], message: 'shared/ is pure: it imports nothing of renderer or electron.' },
        { group: ['react', 'react-dom', 'antd', 'dexie', 'dexie-react-hooks', 'electron'], message: 'shared/ is pure TypeScript: no UI, database or Electron libraries.' },
      ] }],
    },
  },
  {
    files: ['renderer/features/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { regex: '^\\.\\./[^./][^/]*/', message: 'Features never import each other: move the shared piece to ui/ (or shared/), or contribute it through the feature descriptor.' },
        { regex: '^(\\.\\./)+app/', message: 'Features never import the app shell; the shell imports them (feature.tsx).' },
        DEXIE,
        ELECTRON,
      ] }],
    },
  },
  {
    files: ['renderer/ui/**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: [
        { regex: '^(\\.\\./)+features/', message: 'ui/ holds kits for every feature and imports none.' },
        { regex: '^(\\.\\./)+app/', message: 'ui/ never imports the app shell.' },
        { regex: '^(\\.\\./)+db/repositories/', message: 'ui/ imports no repository (types only).', allowTypeImports: true },
        DEXIE,
        ELECTRON,
      ] }],
    },
  },
  {
    files: ['renderer/db/**/*.{ts,tsx}', 'renderer/print/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { regex: '^(\\.\\./)+(features|app)/', message: 'db/ and print/ never import features or the app shell.' },
        ELECTRON,
      ] }],
    },
  },
  {
    files: ['renderer/app/**/*.{ts,tsx}', 'renderer/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': ['error', { patterns: [DEXIE, ELECTRON] }] },
  },
  {
    // The LAN server runs alone (`npm run server`) or in the main process of the office's server PC.
    files: ['electron/server/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['electron', 'electron/*'], message: 'electron/server is plain Node: it imports no electron.' },
        { group: ['**/renderer/**', '@renderer/*', 'dexie', 'dexie/*'], message: 'electron/server runs the rules of shared/ over PostgreSQL: nothing of renderer or Dexie.' },
      ] }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    ignores: ['renderer/platform/**'],
    rules: { 'no-restricted-properties': ['error', { object: 'window', property: 'wenshu', message: 'Only renderer/platform knows Electron (window.wenshu); ask the platform for a capability.' }] },
  },
];

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,js,mjs,cjs}'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // Our own rules: every `any` needs a comment-justified disable; unused vars may start with _.
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true }],
      // The app never loads anything remote: no fetch/XHR/WebSocket in the renderer or shared code.
      'no-restricted-globals': ['error', { name: 'fetch', message: '文枢 never touches the network.' }, { name: 'XMLHttpRequest', message: '文枢 never touches the network.' }, { name: 'WebSocket', message: '文枢 never touches the network.' }, { name: 'EventSource', message: '文枢 never touches the network.' }],
    },
  },
  {
    files: ['scripts/**/*.{js,mjs,cjs}', 'build/**/*.{js,cjs}', '*.config.{js,ts}'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['test/**/*.{ts,tsx}'],
    rules: { 'no-restricted-globals': 'off' },
  },
  ...ARROWS,
);
