import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

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
);
