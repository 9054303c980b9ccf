/** HCL expressions shared by the network modules' validations (the rules of modules/network/cidr.ts). */

/** `cidr` is an IPv4 network block (no host bits), as ipv4CidrProblem checks it. */
export function ipv4NetworkCondition(cidr: string): string {
  return `(can(regex("^[0-9]{1,3}(\\\\.[0-9]{1,3}){3}/[0-9]{1,2}$", ${cidr})) && can(cidrhost(${cidr}, 0)) ? cidrhost(${cidr}, 0) == split("/", ${cidr})[0] : false)`;
}

/** Block `outer` holds the first address of block `inner`. */
function holds(outer: string, inner: string): string {
  return `cidrhost("\${cidrhost(${inner}, 0)}/\${split("/", ${outer})[1]}", 0) == cidrhost(${outer}, 0)`;
}

/** Two IPv4 blocks share an address (cidrsOverlap): one holds the other's first address. */
export function cidrsOverlapExpression(a: string, b: string): string {
  return `(${holds(a, b)} || ${holds(b, a)})`;
}
