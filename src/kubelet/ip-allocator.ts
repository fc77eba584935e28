import type { Node } from '../model/node.js';

const HOSTS = 254;

/**
 * Pod IPs of one node, as a host-local IPAM plugin hands them out from the
 * node's /24 `podCIDR`: `<podCIDR>.<n>`, n from 1 to 254, continuing after the
 * last one given and skipping those in use. Undefined when all are in use.
 */
export class IpAllocator {
  /** used[n] is 1 while `<podCIDR>.<n>` is in use. */
  private readonly used = new Uint8Array(HOSTS + 1);
  private cursor = 1;

  constructor(private readonly podCIDR: string) {}

  allocate(): string | undefined {
    for (let k = 0; k < HOSTS; k++) {
      const n = ((this.cursor - 1 + k) % HOSTS) + 1;
      if (this.used[n] === 1) continue;
      this.used[n] = 1;
      this.cursor = (n % HOSTS) + 1;
      return `${this.podCIDR}.${n}`;
    }
    return undefined;
  }

  release(ip: string | undefined): void {
    if (ip === undefined || !ip.startsWith(`${this.podCIDR}.`)) return;
    const n = Number(ip.slice(this.podCIDR.length + 1));
    if (Number.isInteger(n) && n >= 1 && n <= HOSTS) this.used[n] = 0;
  }
}

/**
 * The node's InternalIP, which the Node object does not carry: node number i
 * gets 172.16.0.0/12 address number i+1 (172.16.0.1, 172.16.0.2, ...).
 */
export function nodeIP(node: Pick<Node, 'index'>): string {
  const n = node.index + 1;
  return `172.${16 + ((n >> 16) & 15)}.${(n >> 8) & 255}.${n & 255}`;
}
