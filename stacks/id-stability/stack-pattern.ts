import { matchesGlob } from '../../modules/core/glob';

/** True when `stackName` matches `pattern` (an exact stack name, or a glob where `*` matches any characters); no pattern matches every stack. */
export function stackMatches(pattern: string | undefined, stackName: string): boolean {
  return pattern === undefined || matchesGlob(pattern, stackName);
}
