import { describe, expect, it } from 'vitest';
import {
  ALL_CONNECTIONS,
  type ConnectionSet,
  icmpOf,
  NO_CONNECTIONS,
  portsOf,
  restrictTo,
  subtract,
  union,
} from '../../src/engine/index.ts';
import { connectionLabel } from '../../src/views/connectionLabel.ts';

const everyOtherProtocol = union(union(icmpOf('ICMP'), icmpOf('ICMPv6')), portsOf('IP'));

describe('the short words on an arrow or a matrix cell', () => {
  it.each<{ rule: string; set: ConnectionSet; label: string; conditional: boolean }>([
    { rule: 'everything reads all', set: ALL_CONNECTIONS, label: 'all', conditional: false },
    { rule: 'nothing reads none', set: NO_CONNECTIONS, label: 'none', conditional: false },
    { rule: 'one port reads as that port', set: portsOf('TCP', 80), label: 'TCP 80', conditional: false },
    {
      rule: 'a mesh that denies TCP: everything but TCP, named as the exception',
      set: subtract(ALL_CONNECTIONS, portsOf('TCP')),
      label: 'all except TCP',
      conditional: false,
    },
    {
      rule: 'an AdminNetworkPolicy that denies one port: the ports left, then the other protocols',
      set: subtract(ALL_CONNECTIONS, portsOf('TCP', 22)),
      label: 'TCP 1-21,23-65535; UDP; SCTP; other protocols',
      conditional: false,
    },
    {
      rule: 'Istio admits one TCP port: that port, and everything not TCP',
      set: subtract(ALL_CONNECTIONS, subtract(portsOf('TCP'), portsOf('TCP', 8080))),
      label: 'TCP 8080; UDP; SCTP; other protocols',
      conditional: false,
    },
    {
      rule: 'ICMP echo on top of a port: other protocols are named, not hidden',
      set: union(portsOf('TCP', 443), icmpOf('ICMP', 8, 0)),
      label: 'TCP 443; ICMP type 8 code 0',
      conditional: false,
    },
    {
      rule: 'an L7 rule: the flag, then the port and the requests',
      set: restrictTo(portsOf('TCP', 8080), 'only GET /api/.*'),
      label: '⚑ L7 TCP 8080 only GET /api/.*',
      conditional: true,
    },
    {
      rule: 'Istio: other protocols pass, TCP only for GET',
      set: union(
        everyOtherProtocol,
        union(portsOf('UDP'), union(portsOf('SCTP'), restrictTo(portsOf('TCP'), 'only GET'))),
      ),
      label: '⚑ L7 all except TCP; TCP only GET',
      conditional: true,
    },
  ])('$rule', ({ set, label, conditional }) => {
    expect(connectionLabel(set)).toEqual({ label, conditional });
  });
});
