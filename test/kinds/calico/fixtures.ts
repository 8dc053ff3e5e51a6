/** Small YAML builders for Calico tests. */

export function namespace(name: string, labels: Record<string, string> = {}): string {
  const lines = Object.entries(labels).map(([k, v]) => `    ${k}: "${v}"`);
  return `---
apiVersion: v1
kind: Namespace
metadata:
  name: ${name}
  labels:
${lines.join('\n') || '    {}'}
`;
}

/** A bare Pod with labels, container ports (`name:port/protocol` or `port`) and a ServiceAccount. */
export function pod(
  ns: string,
  name: string,
  labels: Record<string, string>,
  options: { ports?: string[]; serviceAccount?: string; ip?: string } = {},
): string {
  const portLines = (options.ports ?? []).map((spec) => {
    const [, portName, number, protocol] = /^(?:([a-z0-9-]+):)?(\d+)(?:\/(TCP|UDP|SCTP))?$/.exec(spec) ?? [];
    return `        - containerPort: ${number}${portName ? `\n          name: ${portName}` : ''}${protocol ? `\n          protocol: ${protocol}` : ''}`;
  });
  const labelLines = Object.entries(labels).map(([k, v]) => `    ${k}: "${v}"`);
  return `---
apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  namespace: ${ns}
  labels:
${labelLines.join('\n') || '    {}'}
spec:
${options.serviceAccount ? `  serviceAccountName: ${options.serviceAccount}\n` : ''}  containers:
    - name: main
      image: registry.example/app:1
${portLines.length ? `      ports:\n${portLines.join('\n')}\n` : ''}${options.ip ? `status:\n  podIP: ${options.ip}\n` : ''}`;
}

/** A Calico object from a spec written as YAML lines (indented by two spaces under `spec:`). */
export function calico(kind: string, name: string, spec: string, ns?: string): string {
  return `---
apiVersion: projectcalico.org/v3
kind: ${kind}
metadata:
  name: ${name}
${ns ? `  namespace: ${ns}\n` : ''}spec:
${spec
  .trim()
  .split('\n')
  .map((l) => `  ${l}`)
  .join('\n')}
`;
}
