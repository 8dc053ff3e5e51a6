import type { SchemaFile, SchemaType } from './schemaTypes.ts';

/**
 * Compact schemas of the policy CRDs that no package on the npm registry publishes, written from
 * the fields of each project's API reference: Network Policy API (AdminNetworkPolicy and
 * BaselineAdminNetworkPolicy v1alpha1, ClusterNetworkPolicy v1alpha2), Calico
 * projectcalico.org/v3 (NetworkPolicy, GlobalNetworkPolicy, Tier, Profile) and Cilium
 * cilium.io/v2 (CiliumNetworkPolicy, CiliumClusterwideNetworkPolicy). Sub-trees that Reachlab
 * does not read and whose shape varies between releases (L7 rules, TLS, ICMP) are `*`: anything
 * goes there.
 */

const selector: SchemaType = {
  o: {
    matchLabels: { m: 's' },
    matchExpressions: {
      a: {
        o: { key: 's', operator: { e: ['In', 'NotIn', 'Exists', 'DoesNotExist'] }, values: { a: 's' } },
      },
    },
  },
};
const namespacedPod: SchemaType = { o: { namespaceSelector: selector, podSelector: selector } };
const subject: SchemaType = { o: { namespaces: selector, pods: namespacedPod } };
const protocol: SchemaType = { e: ['TCP', 'UDP', 'SCTP'] };
const anpPorts: SchemaType = {
  a: {
    o: {
      portNumber: { o: { protocol, port: 'i' } },
      namedPort: 's',
      portRange: { o: { protocol, start: 'i', end: 'i' } },
    },
  },
};
const metadata: SchemaType = '*';
const top = (spec: SchemaType): SchemaType => ({
  o: { apiVersion: 's', kind: 's', metadata, spec, status: '*' },
});

function anpRules(actions: string[], peers: Record<string, SchemaType>): SchemaType {
  return {
    a: {
      o: { name: 's', action: { e: actions }, ...peers, ports: anpPorts },
    },
  };
}

const anpIngressPeers: Record<string, SchemaType> = {
  from: { a: { o: { namespaces: selector, pods: namespacedPod } } },
};
const anpEgressPeers: Record<string, SchemaType> = {
  to: { a: { o: { namespaces: selector, pods: namespacedPod, nodes: selector, networks: { a: 's' } } } },
};

const cnpPort: SchemaType = {
  o: { destinationPort: { o: { number: 'i', range: { o: { start: 'i', end: 'i' } } } } },
};
const cnpProtocols: SchemaType = {
  a: { o: { tcp: cnpPort, udp: cnpPort, sctp: cnpPort, destinationNamedPort: 's' } },
};
function cnpRules(peers: Record<string, SchemaType>): SchemaType {
  return {
    a: {
      o: { name: 's', action: { e: ['Accept', 'Deny', 'Pass'] }, ...peers, protocols: cnpProtocols },
    },
  };
}

// Calico: protocols and ports are numbers or names ("TCP", 80, "80:90", "http").
const calicoEntity: SchemaType = {
  o: {
    nets: { a: 's' },
    notNets: { a: 's' },
    selector: 's',
    notSelector: 's',
    namespaceSelector: 's',
    ports: { a: 'x' },
    notPorts: { a: 'x' },
    serviceAccounts: { o: { names: { a: 's' }, selector: 's' } },
    services: { o: { name: 's', namespace: 's' } },
  },
};
const calicoRule: SchemaType = {
  o: {
    action: { e: ['Allow', 'Deny', 'Log', 'Pass'] },
    protocol: 'x',
    notProtocol: 'x',
    icmp: '*',
    notICMP: '*',
    ipVersion: 'i',
    source: calicoEntity,
    destination: calicoEntity,
    http: '*',
    metadata: '*',
  },
};
const calicoPolicySpec = (global: boolean): SchemaType => ({
  o: {
    order: 'n',
    tier: 's',
    selector: 's',
    serviceAccountSelector: 's',
    types: { a: { e: ['Ingress', 'Egress'] } },
    ingress: { a: calicoRule },
    egress: { a: calicoRule },
    performanceHints: { a: 's' },
    ...(global ? { namespaceSelector: 's', doNotTrack: 'b', preDNAT: 'b', applyOnForward: 'b' } : {}),
  },
});

// Cilium: selectors are label selectors; L7 rules, TLS and ICMP are left open.
const ciliumPortRule: SchemaType = {
  o: {
    ports: {
      a: {
        o: { port: 'x', endPort: 'i', protocol: { e: ['TCP', 'UDP', 'SCTP', 'ICMP', 'ICMPv6', 'ANY'] } },
      },
    },
    rules: '*',
    terminatingTLS: '*',
    originatingTLS: '*',
    serverNames: { a: 's' },
    listener: '*',
  },
};
const cidrSet: SchemaType = {
  a: { o: { cidr: 's', except: { a: 's' }, cidrGroupRef: 's', cidrGroupSelector: selector } },
};
const ciliumPeers = (direction: 'from' | 'to'): Record<string, SchemaType> => ({
  [`${direction}Endpoints`]: { a: selector },
  [`${direction}Requires`]: { a: selector },
  [`${direction}CIDR`]: { a: 's' },
  [`${direction}CIDRSet`]: cidrSet,
  [`${direction}Entities`]: { a: 's' },
  [`${direction}Groups`]: '*',
  [`${direction}Nodes`]: { a: selector },
  toPorts: { a: ciliumPortRule },
  icmps: '*',
  authentication: '*',
});
const ciliumIngress: SchemaType = { a: { o: ciliumPeers('from') } };
const ciliumEgress: SchemaType = {
  a: { o: { ...ciliumPeers('to'), toServices: '*', toFQDNs: '*' } },
};
const ciliumRule: SchemaType = {
  o: {
    endpointSelector: selector,
    nodeSelector: selector,
    ingress: ciliumIngress,
    ingressDeny: ciliumIngress,
    egress: ciliumEgress,
    egressDeny: ciliumEgress,
    labels: '*',
    description: 's',
    enableDefaultDeny: { o: { ingress: 'b', egress: 'b' } },
  },
};
const ciliumPolicy: SchemaType = {
  o: { apiVersion: 's', kind: 's', metadata, spec: ciliumRule, specs: { a: ciliumRule }, status: '*' },
};

export const POLICY_KINDS: SchemaFile = {
  source:
    'written from the API references of the Network Policy API, Calico and Cilium (no published schema package)',
  defs: {},
  kinds: {
    'policy.networking.k8s.io/v1alpha1 AdminNetworkPolicy': top({
      o: {
        priority: 'i',
        subject,
        ingress: anpRules(['Allow', 'Deny', 'Pass'], anpIngressPeers),
        egress: anpRules(['Allow', 'Deny', 'Pass'], anpEgressPeers),
      },
    }),
    'policy.networking.k8s.io/v1alpha1 BaselineAdminNetworkPolicy': top({
      o: {
        subject,
        ingress: anpRules(['Allow', 'Deny'], anpIngressPeers),
        egress: anpRules(['Allow', 'Deny'], anpEgressPeers),
      },
    }),
    'policy.networking.k8s.io/v1alpha2 ClusterNetworkPolicy': top({
      o: {
        tier: { e: ['Admin', 'Baseline'] },
        priority: 'i',
        subject,
        ingress: cnpRules({ from: { a: { o: { namespaces: selector, pods: namespacedPod } } } }),
        egress: cnpRules({
          to: {
            a: {
              o: {
                namespaces: selector,
                pods: namespacedPod,
                nodes: selector,
                networks: { a: 's' },
                domainNames: { a: 's' },
              },
            },
          },
        }),
      },
    }),
    'projectcalico.org/v3 NetworkPolicy': top(calicoPolicySpec(false)),
    'projectcalico.org/v3 GlobalNetworkPolicy': top(calicoPolicySpec(true)),
    'projectcalico.org/v3 Tier': top({ o: { order: 'n', defaultAction: { e: ['Deny', 'Pass'] } } }),
    'projectcalico.org/v3 Profile': top({
      o: { ingress: { a: calicoRule }, egress: { a: calicoRule }, labelsToApply: { m: 's' } },
    }),
    'cilium.io/v2 CiliumNetworkPolicy': ciliumPolicy,
    'cilium.io/v2 CiliumClusterwideNetworkPolicy': ciliumPolicy,
  },
};
