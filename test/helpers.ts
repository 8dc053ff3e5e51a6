import { type Analysis, analyze, formatConnectionSet } from '../src/engine/index.ts';

/** Analyzes YAML text given as one source named `test.yaml`. */
export function analyzeYaml(text: string, name = 'test.yaml'): Analysis {
  return analyze([{ name, text }]);
}

/** The verdict from one workload to another as text: `all`, `none` or `TCP 80; UDP 53`. */
export function verdict(analysis: Analysis, from: string, to: string): string {
  return formatConnectionSet(analysis.reach.between(from, to));
}

/** A Deployment with labels and container ports (`name:port/protocol` or `port`). */
export function deployment(
  namespace: string,
  name: string,
  labels: Record<string, string>,
  ports: string[] = [],
): string {
  const portLines = ports.map((spec) => {
    const match = /^(?:([a-z0-9-]+):)?(\d+)(?:\/(TCP|UDP|SCTP))?$/.exec(spec);
    if (!match) throw new Error(`bad port spec ${spec}`);
    const [, portName, number, protocol] = match;
    return `            - containerPort: ${number}${portName ? `\n              name: ${portName}` : ''}${protocol ? `\n              protocol: ${protocol}` : ''}`;
  });
  const labelLines = Object.entries(labels).map(([k, v]) => `        ${k}: "${v}"`);
  return `---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: ${namespace}
spec:
  selector:
    matchLabels: {}
  template:
    metadata:
      labels:
${labelLines.join('\n') || '        {}'}
    spec:
      containers:
        - name: main
          image: example
          ports:
${portLines.join('\n') || '            []'}
`;
}

export function namespace(name: string, labels: Record<string, string> = {}): string {
  const labelLines = Object.entries(labels).map(([k, v]) => `    ${k}: "${v}"`);
  return `---
apiVersion: v1
kind: Namespace
metadata:
  name: ${name}
  labels:
${labelLines.join('\n') || '    {}'}
`;
}

/** A NetworkPolicy from a YAML spec body (indented by the caller at two spaces). */
export function policy(namespaceName: string, name: string, spec: string): string {
  return `---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: ${name}
  namespace: ${namespaceName}
spec:
${spec
  .trim()
  .split('\n')
  .map((l) => `  ${l}`)
  .join('\n')}
`;
}

/** A cluster-scoped policy object (AdminNetworkPolicy, ClusterNetworkPolicy, ...) from a spec body. */
export function clusterPolicy(kind: string, apiVersion: string, name: string, spec: string): string {
  return `---
apiVersion: ${apiVersion}
kind: ${kind}
metadata:
  name: ${name}
spec:
${spec
  .trim()
  .split('\n')
  .map((l) => `  ${l}`)
  .join('\n')}
`;
}
