import { analyze, applyOverrides, Reachability, type Source } from '../../engine/index.ts';
import { applyGhosts, type Evaluated, type Ghost } from '../../engine/teach/index.ts';
import { toLabelOverrides } from '../../state/overridesSlice.ts';
import type { LabelEdit } from '../../state/types.ts';

let last: {
  sources: readonly Source[];
  edits: readonly LabelEdit[];
  ghosts: readonly Ghost[];
  result: Evaluated;
} | null = null;

/**
 * The workspace evaluated on the main thread, with what-if label edits and ghost pods applied:
 * lessons, diffs and fixes read it (they need the model, which the worker keeps to itself). The
 * last result is reused while nothing changed.
 */
export function evaluateWorkspace(
  sources: readonly Source[],
  edits: readonly LabelEdit[] = [],
  ghosts: readonly Ghost[] = [],
): Evaluated {
  if (last && last.sources === sources && last.edits === edits && last.ghosts === ghosts) return last.result;
  const analysis = analyze(sources.map((s) => ({ name: s.name, text: s.text })));
  const edited = applyOverrides(applyGhosts(analysis.model, ghosts), toLabelOverrides(edits));
  const reach = edited === analysis.model ? analysis.reach : Reachability.evaluate(edited);
  const result = { model: edited, reach };
  last = { sources, edits, ghosts, result };
  return result;
}
