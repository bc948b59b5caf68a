import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'release/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // Node scripts in CommonJS (electron-builder hooks).
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Only the Electron shell (and the Electron preload) may touch Electron.
    files: ['**/*.ts', '**/*.tsx'],
    ignores: ['main/electron/**', 'preload/index.ts', 'tests/electron/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: "Only main/electron/ and preload/index.ts import 'electron'." }] }],
    },
  },
  {
    // The ground floor: common/ is shared by every process and imports nothing from the floors above it.
    files: ['common/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'common/ runs everywhere: no Electron.' }],
          patterns: [
            {
              group: ['**/main/**', '**/preload/**', '**/renderer/**', '**/server/**'],
              message: 'common/ is the ground floor: it imports nothing from main/, preload/, renderer/ or server/.',
            },
          ],
        },
      ],
    },
  },
  {
    // Raw IPC stays inside the bridge and the router's Electron transport.
    files: ['**/*.ts', '**/*.tsx'],
    ignores: ['main/electron/ipc-transport.ts', 'preload/index.ts', 'tests/electron/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "Identifier[name='ipcRenderer']", message: 'Use the DesktopApi bridge, not raw ipcRenderer.' },
        { selector: "Identifier[name='ipcMain']", message: 'Register handlers through main/ipc (the router), not raw ipcMain.' },
      ],
    },
  },
);
