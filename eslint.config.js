import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const ELECTRON_ONLY = {
  name: 'electron',
  message: "Only main/electron/ and preload/index.ts import 'electron'.",
};

/** Import zones: each floor imports only common/ (the renderer's browser entry also takes the preload's browser transport). */
const floor = (forbidden, message) => ({ group: forbidden.map((dir) => `**/${dir}/**`), message });
const RENDERER_FLOOR = floor(
  ['main', 'server'],
  'The renderer talks to main only through the DesktopApi bridge: import common/ (the IPC contract is common/contract), never main/ or server/.',
);
const zones = [
  { files: ['renderer/**/*.{ts,tsx}'], patterns: [RENDERER_FLOOR] },
  {
    files: ['preload/**/*.ts'],
    patterns: [floor(['main', 'server', 'renderer'], 'preload imports only common/.')],
  },
  {
    files: ['main/**/*.ts'],
    patterns: [
      floor(
        ['server', 'renderer'],
        'main never imports the reference server or the renderer: the portal is reached over its API.',
      ),
    ],
  },
  {
    files: ['server/**/*.ts'],
    patterns: [floor(['main', 'preload', 'renderer'], 'The reference server imports only common/.')],
  },
].map(({ files, patterns }) => ({
  files,
  ignores: ['main/electron/**', 'preload/index.ts'],
  rules: { 'no-restricted-imports': ['error', { paths: [ELECTRON_ONLY], patterns }] },
}));

/** The renderer's import rule with its floor plus the layer's own patterns (a later rule for the same files replaces the zone's). */
const rendererImports = (...patterns) => ({
  'no-restricted-imports': ['error', { paths: [ELECTRON_ONLY], patterns: [RENDERER_FLOOR, ...patterns] }],
});

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'dist/**',
      'release/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
    ],
  },
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
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: "Only main/electron/ and preload/index.ts import 'electron'." },
          ],
        },
      ],
    },
  },
  ...zones,
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
              message:
                'common/ is the ground floor: it imports nothing from main/, preload/, renderer/ or server/.',
            },
            {
              // Every process loads common/ (the sandboxed renderer too): no Node built-ins, no other packages.
              regex: '^(?!zod$|\\.{1,2}/)',
              message: 'common/ imports only zod and other common/ modules.',
            },
          ],
        },
      ],
    },
  },
  {
    // Renderer features never reach into each other: shared pieces live in
    // renderer/src/ui (widgets, form errors, save-file) and renderer/src/lib
    // (invoke, shared stores such as navigation and portal facts), and the
    // wiring between stores lives in renderer/src/bootstrap.ts. The shell
    // (renderer/src/shell) and App.tsx compose features; features never import them.
    files: ['renderer/src/features/**/*.ts', 'renderer/src/features/**/*.tsx'],
    rules: rendererImports(
      {
        // The one allowed edge: features/auth/use-auth-store.ts, the session
        // (who is signed in, portal address, sign-out) that most screens read.
        // It imports no feature itself, so no loop can form through it.
        regex: '^\\.\\./(?!auth/use-auth-store$)[^./][^/]*/',
        message:
          "A feature imports only its own files, ui/, lib/ and the auth store's public hook: move shared pieces to ui/ or lib/, wiring to bootstrap.ts.",
      },
      {
        regex: '^\\.\\./\\.\\./(features|shell|App|boot|bootstrap|main)(/|$)',
        message:
          'Features are composed by App.tsx, the shell and bootstrap.ts; they never import them.',
      },
    ),
  },
  {
    // Shared widgets and libraries sit below the features: they never import one (or the shell).
    files: ['renderer/src/ui/**/*.{ts,tsx}', 'renderer/src/lib/**/*.{ts,tsx}'],
    rules: rendererImports(
      {
        regex: '^(\\.\\./)+(features|shell|App|boot|bootstrap)(/|$)',
        message:
          'ui/ and lib/ are shared by the features: they import none of them, nor the shell or App.',
      },
    ),
  },
  {
    // Raw IPC stays inside the bridge and the router's Electron transport.
    files: ['**/*.ts', '**/*.tsx'],
    ignores: ['main/electron/ipc-transport.ts', 'preload/index.ts', 'tests/electron/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "Identifier[name='ipcRenderer']",
          message: 'Use the DesktopApi bridge, not raw ipcRenderer.',
        },
        {
          selector: "Identifier[name='ipcMain']",
          message: 'Register handlers through main/ipc (the router), not raw ipcMain.',
        },
      ],
    },
  },
);
