import { analyze } from '../../analyze.ts';
import type { Source } from '../../parse/parseSources.ts';
import { type ConnectionChange, diffEvaluations } from '../diff.ts';
import { describeQuestion, type PortQuestion, resolveEndpoint } from '../endpoints.ts';
import { checkGoal, type Goal } from '../goals.ts';
import { allowCandidates, type Candidate, denyCandidates, type FixKind } from './candidates.ts';
import { applyEdits, type DocumentEdit, editableObjects, jsonSourceNames, toYaml } from './documents.ts';

/** What the user wants for a pair. */
export interface FixRequest {
  from: string;
  to: string;
  want: 'allowed' | 'denied';
  question: PortQuestion;
}

/** A verified change: applying `edits` gives the wanted verdict for the pair. */
export interface FixProposal {
  kind: FixKind;
  summary: string;
  edits: DocumentEdit[];
  /** The changed and added documents as YAML, in edit order. */
  documents: string[];
  /** The whole manifest set with the change applied. */
  sources: Source[];
  /** Other pairs whose verdict the change also changes. */
  sideEffects: ConnectionChange[];
}

export interface FixResult {
  /** Already as wanted: nothing to change. */
  alreadyHolds: boolean;
  proposals: FixProposal[];
  /** Why the request could not be read (unknown names, two external ends). */
  error?: string;
  /** Candidates dropped because re-evaluation did not give the wanted verdict. */
  rejected: number;
}

/**
 * Proposes the smallest changes that make a pair allowed or denied: add a port or a peer to a
 * rule that nearly allows it, give a workload the labels a rule asks for, narrow or remove the
 * rule that allows it, or add a policy. Every candidate is applied to a copy of the manifests
 * and re-evaluated; only those that give the wanted verdict are offered, fewest side effects first.
 */
export function proposeFixes(sources: readonly Source[], request: FixRequest): FixResult {
  const before = analyze(sources);
  const from = resolveEndpoint(before.model, request.from);
  const to = resolveEndpoint(before.model, request.to);
  if ('error' in from) return { alreadyHolds: false, proposals: [], error: from.error, rejected: 0 };
  if ('error' in to) return { alreadyHolds: false, proposals: [], error: to.error, rejected: 0 };
  if (from.kind === 'external' && to.kind === 'external')
    return { alreadyHolds: false, proposals: [], error: 'one end must be a workload', rejected: 0 };
  const goal: Goal = { from: request.from, to: request.to, expect: request.want, ...request.question };
  if (checkGoal(before, goal).holds) return { alreadyHolds: true, proposals: [], rejected: 0 };
  const ctx = {
    model: before.model,
    reach: before.reach,
    objects: editableObjects(sources),
    from,
    to,
    question: request.question,
    jsonSources: jsonSourceNames(sources),
  };
  const candidates: Candidate[] = request.want === 'allowed' ? allowCandidates(ctx) : denyCandidates(ctx);
  const proposals: FixProposal[] = [];
  const seen = new Set<string>();
  let rejected = 0;
  for (const candidate of candidates) {
    const documents = candidate.edits.map((e) => toYaml(e.value));
    const key = documents.join('---\n');
    if (seen.has(key)) continue;
    seen.add(key);
    const patched = applyEdits(sources, candidate.edits);
    const after = analyze(patched);
    if (!checkGoal(after, goal).holds) {
      rejected++;
      continue;
    }
    const sideEffects = diffEvaluations(before, after).filter((c) => !samePair(c, request));
    proposals.push({ ...candidate, documents, sources: patched, sideEffects });
  }
  proposals.sort((a, b) => a.sideEffects.length - b.sideEffects.length || order(a.kind) - order(b.kind));
  return { alreadyHolds: false, proposals, rejected };
}

const ORDER: FixKind[] = [
  'add-port',
  'add-peer',
  'remove-port',
  'remove-peer',
  'remove-rule',
  'add-label',
  'add-policy',
];
const order = (kind: FixKind) => ORDER.indexOf(kind);

function samePair(change: ConnectionChange, request: FixRequest): boolean {
  if (change.from === request.from && change.to === request.to) return true;
  // An external end may be printed split at other boundaries: compare the workload end only.
  const external = (name: string) => /^\d+\.\d+\.\d+\.\d+/.test(name);
  if (external(request.from)) return change.to === request.to && external(change.from);
  if (external(request.to)) return change.from === request.from && external(change.to);
  return false;
}

/** "shop/frontend -> shop/api on TCP 8080 should be allowed". */
export function describeRequest(request: FixRequest): string {
  return `${request.from} -> ${request.to} on ${describeQuestion(request.question)} should be ${request.want}`;
}
