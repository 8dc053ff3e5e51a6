import type { Core } from 'cytoscape';
import { type RefObject, useEffect } from 'react';

let current: RefObject<Core | null> | null = null;

/** Lets the export menu reach the graph on screen (PNG, SVG, draw.io) without owning it. */
export function useExportableGraph(cy: RefObject<Core | null>): void {
  useEffect(() => {
    current = cy;
    return () => {
      if (current === cy) current = null;
    };
  }, [cy]);
}

/** The graph on screen, or null in the matrix view. */
export function exportableGraph(): Core | null {
  return current?.current ?? null;
}
