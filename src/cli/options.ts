import { type ClusterSettings, DEFAULT_SETTINGS, NETWORK_PLUGINS, parseCidr } from '../engine/index.ts';

export interface ParsedArgs {
  command: string | undefined;
  positional: string[];
  json: boolean;
  help: boolean;
  /** Exit 1 when the input holds policy kinds that are not evaluated. */
  strict: boolean;
  /** connlist text: list pairs of namespaces no policy applies to one by one. */
  allPairs: boolean;
  settings: ClusterSettings;
  /** Values of command options (`--format csv`, `--want denied`), by flag. */
  values: Record<string, string>;
  error?: string;
}

const VALUE_FLAGS = new Set([
  '--cni',
  '--ingress-namespace',
  '--ingress-labels',
  '--cluster-domain',
  '--pod-cidr',
  '--mesh',
  '--mesh-root-namespace',
  '--trust-domain',
]);
/** Options of single commands: kept as given, each command reads its own. */
const COMMAND_FLAGS = new Set(['--format', '--pod', '--want', '--port', '--output']);

/** Command, positional arguments, --json/--help, and the cluster settings flags. */
export function parseArgs(argv: readonly string[]): ParsedArgs {
  const [command, ...rest] = argv;
  const parsed: ParsedArgs = {
    command,
    positional: [],
    json: false,
    help: false,
    strict: false,
    allPairs: false,
    settings: structuredClone(DEFAULT_SETTINGS),
    values: {},
  };
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i] as string;
    if (arg === '--json') parsed.json = true;
    else if (arg === '--strict') parsed.strict = true;
    else if (arg === '--all-pairs') parsed.allPairs = true;
    else if (arg === '--help' || arg === '-h') parsed.help = true;
    else if (COMMAND_FLAGS.has(arg) || [...COMMAND_FLAGS].some((f) => arg.startsWith(`${f}=`))) {
      const [flag, inline] = arg.includes('=')
        ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
        : [arg, undefined];
      const value = inline ?? rest[++i];
      if (value === undefined) return { ...parsed, error: `${flag} needs a value` };
      parsed.values[flag] = value;
    } else if (VALUE_FLAGS.has(arg)) {
      const value = rest[++i];
      if (value === undefined) return { ...parsed, error: `${arg} needs a value` };
      const problem = applySetting(parsed.settings, arg, value);
      if (problem) return { ...parsed, error: problem };
    } else if (arg.startsWith('--')) return { ...parsed, error: `unknown option ${arg}` };
    else parsed.positional.push(arg);
  }
  return parsed;
}

function applySetting(settings: ClusterSettings, flag: string, value: string): string | undefined {
  if (flag === '--cni') {
    if (!NETWORK_PLUGINS.some((p) => p.id === value))
      return `--cni takes one of ${NETWORK_PLUGINS.map((p) => p.id).join(', ')}`;
    settings.networkPlugin = value;
  } else if (flag === '--ingress-namespace') settings.ingressController.namespace = value;
  else if (flag === '--cluster-domain') settings.clusterDomain = value;
  else if (flag === '--pod-cidr') {
    const cidrs = value.split(',').map((c) => c.trim());
    if (cidrs.some((c) => !parseCidr(c)))
      return '--pod-cidr takes CIDRs separated by commas, e.g. 10.244.0.0/16';
    settings.podCidrs = cidrs;
  } else if (flag === '--mesh') {
    if (value !== 'auto' && value !== 'markers' && value !== 'all')
      return '--mesh takes auto, markers or all';
    settings.mesh.membership = value;
  } else if (flag === '--mesh-root-namespace') settings.mesh.rootNamespace = value;
  else if (flag === '--trust-domain') settings.mesh.trustDomain = value;
  else if (flag === '--ingress-labels') {
    const pairs = value.split(',').map((pair) => pair.split('='));
    if (pairs.some((p) => p.length !== 2 || !p[0]))
      return '--ingress-labels takes key=value pairs separated by commas';
    settings.ingressController.labels = Object.fromEntries(pairs as [string, string][]);
  }
  return undefined;
}
