import { TerraformResource, type TerraformStack } from 'cdktf';
import { MOVED_RESOURCES, type MovedResource } from './moved';
import { stackMatches } from './stack-pattern';

/** The state address of a resource, `<type>.<logical id>`. */
export function resourceAddress(resource: TerraformResource): string {
  return `${resource.terraformResourceType}.${resource.friendlyUniqueId}`;
}

/**
 * Emits a Terraform `moved` block (through cdktf's `moveFromId`) for every entry of the id-stability file whose new
 * address is in `stack`, so that state recorded under the old address follows the rename. Returns the entries applied.
 */
export function applyMovedResources(stack: TerraformStack, moves: readonly MovedResource[] = MOVED_RESOURCES): MovedResource[] {
  const applied: MovedResource[] = [];
  const relevant = moves.filter((move) => stackMatches(move.stacks, stack.node.id));
  if (relevant.length === 0) return applied;
  for (const construct of stack.node.findAll()) {
    if (!(construct instanceof TerraformResource)) continue;
    const address = resourceAddress(construct);
    const move = relevant.find((entry) => entry.to === address);
    if (!move) continue;
    construct.moveFromId(move.from);
    applied.push(move);
  }
  return applied;
}
