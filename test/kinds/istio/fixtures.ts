import { ns, workload } from './harness.ts';

/** Namespaces shop (injected) and other (injected); clients with distinct ServiceAccounts. */
export const CLUSTER = [
  ns('shop', { 'istio-injection': 'enabled' }),
  ns('other', { 'istio-injection': 'enabled' }),
  ns('plain'),
  workload('shop', 'api', { sa: 'api', ports: [8080, 9090] }),
  workload('shop', 'web', { sa: 'web' }),
  workload('shop', 'batch'),
  workload('other', 'client', { sa: 'client' }),
  workload('plain', 'legacy', { sa: 'legacy' }),
].join('');

export function policy(spec: string, name = 'p', namespace = 'shop'): string {
  return `---
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: ${name}, namespace: ${namespace}}
spec:
${spec}
`;
}

export const SELECT_API = '  selector: {matchLabels: {app: api}}\n';
