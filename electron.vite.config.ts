import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import { build as viteBuild, type InlineConfig, type Plugin } from 'vite';
import { buildPortalCli } from './scripts/portal-cli.mjs';

/**
 * The browser host (and `npm run start:browser`) start from prebuilt
 * JavaScript in `out/browser-host/` (`cli.js`, `start-browser.js`) instead of
 * compiling TypeScript through `tsx` at every start (seconds on a loaded
 * machine). A plain Node (SSR) build, run by the plugin below once the main
 * build has finished, so `electron-vite build` (= `npm run build`) produces it
 * without a new script. Exported for its test.
 */
export function browserHostBuildConfig(root: string, outDir: string): InlineConfig {
  return {
    configFile: false,
    root,
    logLevel: 'warn',
    // Not a browser bundle: nothing from public/, no .env files.
    publicDir: false,
    envFile: false,
    // The host's own npm dependencies go into the bundle too: Node then
    // reads a few files instead of resolving hundreds of small modules
    // (zod alone is ~100) at every start. The portal's (server/) stay external.
    ssr: { noExternal: ['zod', 'ws', 'qrcode', 'basic-ftp'] },
    build: {
      ssr: true,
      target: 'node20',
      outDir,
      emptyOutDir: true,
      minify: false,
      reportCompressedSize: false,
      rollupOptions: {
        input: {
          cli: resolve(root, 'main/browser-host/cli.ts'),
          'start-browser': resolve(root, 'scripts/start-browser.ts'),
          // The portal's thread under start:browser (PGlite's first start must not block the host).
          'portal-worker': resolve(root, 'scripts/portal-worker.ts'),
        },
        output: { format: 'es', entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' },
      },
    },
  };
}

/**
 * Also the portal's admin CLI (`portico-portal`, out/server/cli.js; see
 * scripts/portal-cli.mjs), built alongside: both are small Node builds.
 */
function browserHostBuild(): Plugin {
  return {
    name: 'portico-browser-host-build',
    apply: 'build',
    async closeBundle() {
      await Promise.all([
        viteBuild(browserHostBuildConfig(__dirname, resolve(__dirname, 'out/browser-host'))),
        buildPortalCli(__dirname),
      ]);
    },
  };
}

/**
 * Fast start: the entry chunk is small (page guards + connecting to main); the
 * React half (`src/boot.tsx`) is a dynamic import. This adds
 * `<link rel="modulepreload">` for that chunk and its static imports to
 * index.html, so the browser fetches and compiles it in parallel with the
 * entry instead of after it. A link tag, not an inline script: the CSP
 * (`script-src 'self'`) stays as it is.
 */
function preloadBootChunk(): Plugin {
  return {
    name: 'portico-preload-boot-chunk',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        const chunks = Object.values(ctx.bundle ?? {}).filter((item) => item.type === 'chunk');
        const boot = chunks.find((chunk) => chunk.facadeModuleId?.replace(/\\/g, '/').endsWith('/src/boot.tsx'));
        if (!boot) throw new Error('renderer build: the boot chunk (src/boot.tsx) is missing');
        const entry = chunks.find((chunk) => chunk.isEntry);
        const files = [boot.fileName, ...boot.imports].filter((file) => file !== entry?.fileName);
        // Its CSS too: otherwise the dynamic import waits for a stylesheet it only discovers then.
        const styles = [...(boot.viteMetadata?.importedCss ?? [])];
        return [
          ...styles.map((file) => ({
            tag: 'link',
            attrs: { rel: 'stylesheet', crossorigin: true, href: `./${file}` },
            injectTo: 'head' as const,
          })),
          ...[...new Set(files)].map((file) => ({
            tag: 'link',
            attrs: { rel: 'modulepreload', crossorigin: true, href: `./${file}` },
            injectTo: 'head' as const,
          })),
        ];
      },
    },
  };
}

/**
 * Packaging: main and preload bundle the few npm packages they use
 * (zod, electron-store, basic-ftp, qrcode) instead of leaving them to
 * node_modules, so the packaged app ships no node_modules at all and none of
 * the reference server's packages (fastify, PGlite, pg, argon2…).
 * electron-builder.yml excludes node_modules; tests/packaging checks the
 * built output imports nothing else.
 */
const bundleRuntimeDeps = { externalizeDeps: false } as const;

export default defineConfig({
  main: {
    plugins: [browserHostBuild()],
    build: {
      ...bundleRuntimeDeps,
      outDir: 'out/main',
      rollupOptions: { input: { index: resolve(__dirname, 'main/electron/index.ts') } },
    },
  },
  preload: {
    build: {
      ...bundleRuntimeDeps,
      outDir: 'out/preload',
      rollupOptions: {
        input: { index: resolve(__dirname, 'preload/index.ts') },
        // Sandboxed preloads must be a single CommonJS file.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'renderer'),
    plugins: [react(), preloadBootChunk()],
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      minify: true,
      rollupOptions: { input: { index: resolve(__dirname, 'renderer/index.html') } },
    },
  },
});
