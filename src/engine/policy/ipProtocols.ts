/**
 * IANA names of IP protocols policies name (Calico `protocol`, Cilium, the corpus contract), by
 * number. TCP, UDP, SCTP, ICMP and ICMPv6 have axes of their own in a connection set.
 */
const NAMES: Readonly<Record<number, string>> = {
  2: 'IGMP',
  4: 'IPIP',
  8: 'EGP',
  17: 'UDP',
  41: 'IPv6',
  46: 'RSVP',
  47: 'GRE',
  50: 'ESP',
  51: 'AH',
  88: 'EIGRP',
  89: 'OSPF',
  94: 'IPIP-OLD',
  103: 'PIM',
  112: 'VRRP',
  115: 'L2TP',
  132: 'SCTP',
  136: 'UDPLite',
};

const NUMBERS = new Map(Object.entries(NAMES).map(([n, name]) => [name.toUpperCase(), Number(n)]));

/** The name of an IP protocol number (`VRRP`), or the number as text. */
export function protocolName(protocol: number): string {
  return NAMES[protocol] ?? String(protocol);
}

/** The number of an IP protocol by name (any case) or number text; undefined when unknown. */
export function protocolNumber(text: string): number | undefined {
  const upper = text.toUpperCase();
  if (upper === 'ICMP') return 1;
  if (upper === 'ICMPV6') return 58;
  if (upper === 'TCP') return 6;
  const known = NUMBERS.get(upper);
  if (known !== undefined) return known;
  const value = Number(text);
  return Number.isInteger(value) && value >= 0 && value <= 255 && text.trim() !== '' ? value : undefined;
}
