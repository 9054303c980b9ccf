/** The part of madge's API (v8, untyped) the import-graph test uses. */
declare module 'madge' {
  interface MadgeConfig {
    readonly baseDir?: string;
    readonly fileExtensions?: readonly string[];
    readonly tsConfig?: string;
    readonly excludeRegExp?: readonly RegExp[];
    readonly detectiveOptions?: { readonly ts?: { readonly skipTypeImports?: boolean }; readonly es6?: { readonly skipTypeImports?: boolean } };
  }
  interface MadgeResult {
    /** file -> the project files it imports (paths relative to baseDir). */
    obj(): Record<string, string[]>;
    /** Every import cycle, as the files on it. */
    circular(): string[][];
    /** Imports madge could not resolve to a file. */
    warnings(): { skipped: string[] };
  }
  function madge(path: string | readonly string[], config?: MadgeConfig): Promise<MadgeResult>;
  export = madge;
}
