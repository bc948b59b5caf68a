/** Types for scripts/portal-cli.mjs (the built admin CLI, `portico-portal`). */
import type { InlineConfig } from 'vite';

export declare const PORTAL_CLI_OUT_DIR: string;
export declare const PORTAL_CLI_FILE: string;
export declare const PORTAL_CLI_SOURCES_FILE: string;
export declare const PORTAL_CLI_CHUNKS_DIR: string;
export declare function portalCliBuildConfig(root: string, outDir: string): InlineConfig;
export declare function portalCliStale(root: string, outDir?: string): boolean;
export declare function buildPortalCli(root: string, outDir?: string): Promise<void>;
export declare function ensurePortalCli(root: string): Promise<boolean>;
