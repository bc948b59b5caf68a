/**
 * Helpers for the packaging check: which bare module names built JavaScript
 * loads, and which npm packages electron-builder will put into the app.
 */
import { builtinModules } from 'node:module';

const SPECIFIER_PATTERNS = [
  // import x from "m"; import { a } from "m"; export * from "m"; export { a } from "m"
  /\b(?:import|export)\s[^'";]*?\bfrom\s*["']([^"']+)["']/g,
  // import "m";
  /\bimport\s*["']([^"']+)["']/g,
  // import("m"), require("m"), __require("m") — but not obj.require("m") (a method of our own),
  // nor text opening a template literal (`require("m")`: code that ajv generates for its
  // standalone mode, never run by the app).
  /(?<![.\w$`])(?:import|require|__require)\s*\(\s*["']([^"']+)["']\s*\)/g,
];

/** Every module specifier a built file loads that is not a relative/absolute path. */
export function bareSpecifiers(code: string): string[] {
  const found = new Set<string>();
  for (const pattern of SPECIFIER_PATTERNS) {
    for (const match of code.matchAll(pattern)) {
      const specifier = match[1]!;
      if (!specifier.startsWith('.') && !specifier.startsWith('/')) found.add(specifier);
    }
  }
  return [...found].sort();
}

/** The npm package a specifier belongs to ("@scope/name/sub" → "@scope/name"). */
export function packageOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

/** True for Node's own modules, with or without the `node:` prefix. */
export function isBuiltin(specifier: string): boolean {
  if (specifier.startsWith('node:')) return true;
  return builtinModules.includes(packageOf(specifier));
}

/** The `files:` patterns of an electron-builder.yml (a plain list of strings under a top-level key). */
export function builderFilePatterns(yaml: string): string[] {
  const lines = yaml.split(/\r?\n/);
  const start = lines.findIndex((line) => /^files:\s*$/.test(line));
  if (start < 0) throw new Error('electron-builder.yml has no files: list');
  const patterns: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (/^\S/.test(line)) break;
    const item = /^\s+-\s+(.+?)\s*$/.exec(line);
    if (item) patterns.push(item[1]!.replace(/^(['"])(.*)\1$/, '$2'));
  }
  return patterns;
}

/**
 * The npm packages electron-builder will ship: it adds every production
 * dependency's folder under node_modules unless `files` excludes it
 * (`!node_modules/**` for all, `!node_modules/<pkg>/**` for one).
 */
export function shippedPackages(dependencies: readonly string[], patterns: readonly string[]): string[] {
  if (patterns.some((p) => /^!node_modules\/\*\*(\/\*)?$/.test(p) || p === '!node_modules')) return [];
  const excluded = new Set(
    patterns.map((p) => /^!node_modules\/((?:@[^/]+\/)?[^/*]+)\/\*\*(\/\*)?$/.exec(p)?.[1]).filter((name): name is string => Boolean(name)),
  );
  return dependencies.filter((name) => !excluded.has(name));
}

/** The bare imports of `code` that the packaged app could not load. */
export function unshippable(code: string, shipped: readonly string[]): string[] {
  return bareSpecifiers(code).filter((s) => s !== 'electron' && !isBuiltin(s) && !shipped.includes(packageOf(s)));
}
