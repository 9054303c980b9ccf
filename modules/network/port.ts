/**
 * Protocols and port ranges for security group rules and network ACL entries. One value type for both, so the
 * "administration port open to the world" rule is written once.
 */

/** Protocols the builders accept. */
export type IpProtocol = 'tcp' | 'udp' | 'icmp' | 'all';

/** Ports used to administer servers remotely (SSH, RDP): never reachable from the whole internet (CIS 5.1-5.3). */
export const ADMIN_PORTS: readonly number[] = [22, 3389];

/** IANA protocol numbers, as network ACLs take them. */
const PROTOCOL_NUMBERS: Readonly<Record<IpProtocol, string>> = { tcp: '6', udp: '17', icmp: '1', all: '-1' };

/** A protocol and a port range (for ICMP: a type and code). */
export class Port {
  /** One TCP port. */
  static tcp(port: number): Port {
    return new Port('tcp', port, port);
  }

  /** A TCP port range, inclusive. */
  static tcpRange(from: number, to: number): Port {
    return new Port('tcp', from, to);
  }

  /** One UDP port. */
  static udp(port: number): Port {
    return new Port('udp', port, port);
  }

  /** A UDP port range, inclusive. */
  static udpRange(from: number, to: number): Port {
    return new Port('udp', from, to);
  }

  /** ICMP of one type and code (-1 for any). */
  static icmp(type = -1, code = -1): Port {
    return new Port('icmp', type, code);
  }

  /** Every protocol and port. */
  static allTraffic(): Port {
    return new Port('all', 0, 0);
  }

  private constructor(
    readonly protocol: IpProtocol,
    /** First port (ICMP: type). */
    readonly fromPort: number,
    /** Last port (ICMP: code). */
    readonly toPort: number,
  ) {}

  /** Why the port is malformed (out of range, reversed), or undefined. */
  get problem(): string | undefined {
    if (this.protocol === 'all') return undefined;
    if (this.protocol === 'icmp') {
      const ok = (n: number) => Number.isInteger(n) && n >= -1 && n <= 255;
      return ok(this.fromPort) && ok(this.toPort) ? undefined : 'ICMP type and code must be whole numbers from -1 to 255';
    }
    const ok = (n: number) => Number.isInteger(n) && n >= 0 && n <= 65535;
    if (!ok(this.fromPort) || !ok(this.toPort)) return 'ports must be whole numbers from 0 to 65535';
    if (this.fromPort > this.toPort) return `the range ${this.fromPort}-${this.toPort} is reversed; give the lower port first`;
    return undefined;
  }

  /** True when traffic to `port` (any TCP or UDP port number) matches. */
  covers(port: number): boolean {
    if (this.protocol === 'all') return true;
    if (this.protocol === 'icmp') return false;
    return this.fromPort <= port && port <= this.toPort;
  }

  /** True for all traffic or a whole TCP/UDP port space. */
  get isAllPorts(): boolean {
    return this.protocol === 'all' || (this.protocol !== 'icmp' && this.fromPort <= 1 && this.toPort === 65535);
  }

  /** The administration ports (22, 3389) this port matches. */
  get adminPorts(): number[] {
    return ADMIN_PORTS.filter((p) => this.covers(p));
  }

  /** Protocol number for network ACLs (`6`, `17`, `1`, `-1`). */
  get protocolNumber(): string {
    return PROTOCOL_NUMBERS[this.protocol];
  }

  /** Protocol name for security group rules (`tcp`, `udp`, `icmp`, `-1`). */
  get securityGroupProtocol(): string {
    return this.protocol === 'all' ? '-1' : this.protocol;
  }

  /** Short stable text for construct ids and messages, e.g. `tcp-443`, `tcp-1024-65535`, `all`. */
  get label(): string {
    if (this.protocol === 'all') return 'all';
    if (this.protocol === 'icmp') return `icmp-${this.fromPort}-${this.toPort}`;
    return this.fromPort === this.toPort ? `${this.protocol}-${this.fromPort}` : `${this.protocol}-${this.fromPort}-${this.toPort}`;
  }
}

/**
 * Ports on which replies to outbound connections come back (clients pick source ports from 1024 up), split around
 * 3389 so that no rule open to the internet ever covers an administration port.
 */
export function returnTrafficPorts(protocol: 'tcp' | 'udp' = 'tcp'): Port[] {
  const range = protocol === 'tcp' ? Port.tcpRange : Port.udpRange;
  return [range(1024, 3388), range(3390, 65535)];
}
