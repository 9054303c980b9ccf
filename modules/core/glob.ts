/** Compiles a glob where `*` matches any run of characters (including `.` and `/`) and everything else is literal; anchored at both ends. */
export function globToRegExp(glob: string): RegExp {
  const body = glob
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${body}$`);
}

/** True when `value` matches `glob` as a whole (see {@link globToRegExp}); case-sensitive. */
export function matchesGlob(glob: string, value: string): boolean {
  return globToRegExp(glob).test(value);
}
