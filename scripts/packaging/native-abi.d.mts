// Types for native-abi.mjs (a plain script so `npm run dist` needs no TypeScript loader), used by its test.
export declare const SAVE_DIR: string;
export declare function nativePackages(root: string): string[];
export declare function saveNodeAddons(root: string): string[];
export declare function hasSavedAddons(root: string): boolean;
export declare function restoreNodeAddons(root: string): void;
