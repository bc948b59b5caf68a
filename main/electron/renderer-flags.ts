/**
 * The V8 flags of Portico's renderer processes (Electron's `js-flags`
 * switch, appended before `ready`, reaches the renderers only; the main
 * process, which runs the transfer engine, keeps every V8 tier).
 *
 * `--max-opt=1` stops V8 at its baseline compiler (Sparkplug): the
 * renderer's JavaScript is interpreted or baseline-compiled, never
 * speculatively optimized by Maglev or TurboFan.
 *
 * - Security: the renderer shows portal content and holds the user's
 *   session view. Speculative optimizing compilers are where most V8
 *   renderer exploits of recent years have lived; Microsoft Edge's
 *   enhanced security mode turns them off for the same reason.
 * - Memory: a tray app's renderer lives for days. Over 200 sign-in →
 *   launch → sign-out cycles the optimized code grew the renderer's JS heap
 *   by 34–38 % (JS objects themselves grew ~2 %); with this flag it grows
 *   8 % and then stays flat (`npm run bench:desktop`).
 * - Cost: none a user sees. The renderer draws forms, a grid and a
 *   virtualized queue; the heavy work (transfers, crypto, the queue itself)
 *   is in main. The sign-in form's time to interactive is measured with the
 *   same flag by the same bench.
 *
 * Pure (no `electron` import) so the desktop bench can launch the browser
 * host's Chromium with exactly these flags.
 */
export const RENDERER_JS_FLAGS = '--max-opt=1';
