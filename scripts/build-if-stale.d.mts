/** Types for scripts/build-if-stale.mjs (start without rebuilding an unchanged checkout). */
export declare function inputsHash(root: string): string;
export declare function isBuilt(root: string, hash?: string): boolean;
export declare function markBuilt(root: string, hash: string): void;
