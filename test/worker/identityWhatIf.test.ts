import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type Override } from '../../src/engine/index.ts';
import { connectionBetween } from '../../src/views/connections.ts';
import { AnalysisSession } from '../../src/worker/analysisSession.ts';

const SOURCES = [{ name: 'istio.yaml', text: readFileSync('samples/istio-clearing-service.yaml', 'utf8') }];
const SERVICE = 'payments/清算-service';

describe('what-if: a workload runs as another ServiceAccount, or in or out of the mesh', () => {
  it.each<{ rule: string; overrides: Override[]; from: string; ports: string }>([
    {
      rule: 'as read: the intruder runs as another identity, the mesh refuses its TCP',
      overrides: [],
      from: 'payments/intruder',
      ports: 'UDP all ports; SCTP all ports; ICMP all; ICMPv6 all; IP every other protocol',
    },
    {
      rule: 'the intruder as ServiceAccount client: the mesh admits it on the HTTP port, like the client',
      overrides: [
        {
          target: { kind: 'workload', id: 'payments/intruder' },
          field: 'serviceAccountName',
          value: 'client',
        },
      ],
      from: 'payments/intruder',
      ports: 'TCP 8080; UDP all ports; SCTP all ports; ICMP all; ICMPv6 all; IP every other protocol',
    },
    {
      rule: 'the legacy pod put in the mesh, under its own identity: still not the client, TCP refused',
      overrides: [{ target: { kind: 'workload', id: 'legacy/batch-export' }, field: 'inMesh', value: true }],
      from: 'legacy/batch-export',
      ports: 'UDP all ports; SCTP all ports; ICMP all; ICMPv6 all; IP every other protocol',
    },
    {
      rule: 'the service taken out of the mesh: no sidecar enforces the AuthorizationPolicy, the intruder gets in',
      overrides: [{ target: { kind: 'workload', id: SERVICE }, field: 'inMesh', value: false }],
      from: 'payments/intruder',
      ports: 'all',
    },
  ])('$rule', ({ overrides, from, ports }) => {
    const session = new AnalysisSession();
    // An evaluation without edits first: the edit then takes the incremental path, as in the app.
    session.analyze(SOURCES, [], DEFAULT_SETTINGS);
    const snapshot = session.analyze(SOURCES, overrides, DEFAULT_SETTINGS);
    expect(connectionBetween(snapshot, from, SERVICE)?.ports ?? 'none').toBe(ports);
  });
});
