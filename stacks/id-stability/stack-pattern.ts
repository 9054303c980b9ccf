/** True when `stackName` matches `pattern`: an exact stack name, or a glob where `*` matches any characters. */
export function stackMatches(pattern: string | undefined, stackName: string): boolean {
  if (pattern === undefined) return true;
  const regex = new RegExp(`^${pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  return regex.test(stackName);
}
