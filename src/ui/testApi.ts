import { useStore } from '../state/store.ts';
import { graphOf } from './graphOptions.ts';

/** Read-only view of what the app shows, for end-to-end tests (no way to change state through it). */
export interface ReachlabTestApi {
  graph(): {
    nodes: { id: string; kind: string; label: string; parent?: string }[];
    edges: { from: string; to: string; kind: string; verdict?: string; ports?: string }[];
  } | null;
  ready(): boolean;
  diagnostics(): { source: string; line: number; message: string }[];
}

export function installTestApi(): void {
  const api: ReachlabTestApi = {
    graph() {
      const state = useStore.getState();
      if (!state.snapshot) return null;
      const { nodes, edges } = graphOf(state, new Set());
      return structuredClone({
        nodes: nodes.map((n) => ({
          id: n.id,
          kind: n.kind,
          label: n.label,
          ...(n.parent ? { parent: n.parent } : {}),
        })),
        edges: edges.map((e) => ({
          from: e.source,
          to: e.target,
          kind: e.kind,
          ...(e.verdict ? { verdict: e.verdict } : {}),
          ...(e.ports ? { ports: e.ports } : {}),
        })),
      });
    },
    ready() {
      const state = useStore.getState();
      return state.snapshot !== null && !state.analyzing;
    },
    diagnostics() {
      return (useStore.getState().snapshot?.diagnostics ?? []).map((d) => ({
        source: d.source,
        line: d.line,
        message: d.message,
      }));
    },
  };
  Object.defineProperty(window, '__reachlab', {
    value: Object.freeze(api),
    writable: false,
    configurable: false,
  });
}
