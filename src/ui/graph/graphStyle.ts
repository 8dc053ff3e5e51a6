import type { StylesheetJson } from 'cytoscape';
import { teachOverlayStyle } from '../diff/graphOverlay.ts';

export type Verdictish = 'allowed' | 'partial' | 'denied' | 'unrestricted';

/**
 * Verdict colours are never the only cue: allowed edges are solid with an arrow, partial ones
 * dashed with their ports as a label (in a neutral blue: "some ports" is a fact, not a
 * warning), denied ones dotted with a bar ("tee") end and a ✕, and traffic no policy restricts
 * thin and grey. The legend, filters, matrix and inspector use the same symbols and words
 * (the words are translated: see i18n `verdict.*`).
 */
export const VERDICT_STYLE = {
  allowed: { line: 'solid', arrow: 'triangle', symbol: '✓' },
  partial: { line: 'dashed', arrow: 'triangle', symbol: '◐' },
  denied: { line: 'dotted', arrow: 'tee', symbol: '✕' },
  unrestricted: { line: 'solid', arrow: 'triangle', symbol: '○' },
} as const;

export type Theme = 'light' | 'dark';

/** The graph's colours per theme; the CSS custom properties in base.css carry the same values. */
export const PALETTE: Record<
  Theme,
  Record<Verdictish | 'ink' | 'canvas' | 'nsFill' | 'nsBorder' | 'nodeFill' | 'nodeBorder' | 'accent', string>
> = {
  light: {
    allowed: '#1b7f3b',
    partial: '#2b5d9b',
    denied: '#c62828',
    unrestricted: '#66717e',
    ink: '#16202b',
    canvas: '#fbfcfd',
    nsFill: '#eef3f8',
    nsBorder: '#6b7d91',
    nodeFill: '#ffffff',
    nodeBorder: '#4a5866',
    accent: '#1565c0',
  },
  dark: {
    allowed: '#5ccf7f',
    partial: '#8db8ff',
    denied: '#ff7b72',
    unrestricted: '#9aa7b6',
    ink: '#e8eef5',
    canvas: '#0e151d',
    nsFill: '#17212c',
    nsBorder: '#7f93a8',
    nodeFill: '#1f2a37',
    nodeBorder: '#b4c2d0',
    accent: '#6cb6ff',
  },
};

/** Node label size in graph units; the view never fits a graph so small that it drops under 12 px. */
export const NODE_FONT = 14;
export const MIN_LABEL_PX = 12;
/** In presenter view the floor is higher: text read from the back of a room. */
export const PRESENTER_LABEL_PX = 18;

/** The Cytoscape stylesheet for a theme; presenter view thickens lines and strengthens borders. */
export function graphStyle(theme: Theme, presenter: boolean): StylesheetJson {
  const c = PALETTE[theme];
  const thick = presenter ? 1.8 : 1;
  return [
    {
      selector: 'node',
      style: {
        label: 'data(label)',
        'text-wrap': 'wrap',
        'text-max-width': '172px',
        'font-size': NODE_FONT,
        'font-family': 'system-ui, -apple-system, "Segoe UI", "Noto Sans", "Noto Sans CJK SC", sans-serif',
        color: c.ink,
        'text-valign': 'center',
        'text-halign': 'center',
        'min-zoomed-font-size': 7,
      },
    },
    {
      selector: 'node.namespace',
      style: {
        shape: 'round-rectangle',
        'background-color': c.nsFill,
        'background-opacity': 0.95,
        'border-width': 1.5 * thick,
        'border-color': c.nsBorder,
        'text-valign': 'top',
        'text-halign': 'center',
        'text-margin-y': -6,
        'text-max-width': '420px',
        'font-size': 15,
        'font-weight': 'bold',
        color: c.ink,
        padding: '18px',
      },
    },
    {
      selector: 'node.workload',
      style: {
        shape: 'round-rectangle',
        width: 176,
        height: 64,
        'background-color': c.nodeFill,
        'border-width': 1.5 * thick,
        'border-color': c.nodeBorder,
      },
    },
    { selector: 'node.kind-statefulset', style: { shape: 'barrel' } },
    { selector: 'node.kind-daemonset', style: { shape: 'round-hexagon' } },
    { selector: 'node.kind-pod', style: { shape: 'ellipse' } },
    { selector: 'node.kind-job, node.kind-cronjob', style: { shape: 'round-tag' } },
    {
      selector: 'node.isolated-ingress, node.isolated-egress',
      style: { 'border-width': 3.5 * thick, 'border-color': c.ink },
    },
    {
      selector: 'node.service',
      style: {
        shape: 'round-diamond',
        width: 176,
        height: 80,
        'background-color': theme === 'dark' ? '#1d3047' : '#e3f0fb',
        'border-color': theme === 'dark' ? '#79b0ea' : '#3b78b5',
        'border-width': 1.5 * thick,
        'text-max-width': '150px',
      },
    },
    {
      selector: 'node.ingress',
      style: {
        shape: 'round-pentagon',
        width: 176,
        height: 80,
        'background-color': theme === 'dark' ? '#2c2240' : '#f1e8fb',
        'border-color': theme === 'dark' ? '#b99ce6' : '#7a4cb0',
        'border-width': 1.5 * thick,
        'text-max-width': '150px',
      },
    },
    {
      selector: 'node.external',
      style: {
        shape: 'round-octagon',
        width: 176,
        height: 64,
        'background-color': theme === 'dark' ? '#2d2818' : '#fff8e6',
        'border-color': theme === 'dark' ? '#d9b95c' : '#8a6d22',
        'border-width': 1.5 * thick,
        'border-style': 'dashed',
      },
    },
    {
      selector: 'node.assumed',
      style: { 'border-style': 'dashed', 'background-color': theme === 'dark' ? '#222a33' : '#f4f4f4' },
    },
    {
      selector: 'node.namespace.collapsed',
      style: {
        width: 190,
        height: 70,
        'text-valign': 'center',
        'text-margin-y': 0,
        'text-max-width': '180px',
        'font-size': 14,
        'border-width': 3,
        'border-style': 'double',
      },
    },
    {
      selector: 'node.selected',
      style: {
        'border-width': 5,
        'border-color': c.accent,
        'overlay-color': c.accent,
        'overlay-opacity': 0.1,
      },
    },
    { selector: 'node.match', style: { 'border-color': c.accent, 'border-width': 5 } },
    { selector: '.faded', style: { opacity: 0.2 } },
    {
      selector: 'edge',
      style: {
        'curve-style': 'bezier',
        width: 2 * thick,
        'arrow-scale': presenter ? 1.5 : 1.15,
        'font-size': 13,
        color: c.ink,
        'text-rotation': 'autorotate',
        'text-background-color': c.canvas,
        'text-background-opacity': 0.9,
        'text-background-padding': '2px',
        'min-zoomed-font-size': 8,
      },
    },
    ...(['allowed', 'partial', 'denied', 'unrestricted'] as const).map((verdict) => ({
      selector: verdict === 'unrestricted' ? 'edge.unrestricted' : `edge.verdict-${verdict}`,
      style: {
        'line-color': c[verdict],
        'target-arrow-color': c[verdict],
        'target-arrow-shape': VERDICT_STYLE[verdict].arrow,
        'line-style': VERDICT_STYLE[verdict].line,
        ...(verdict === 'partial' ? { label: 'data(ports)', 'line-dash-pattern': [8, 4] } : {}),
        // Denied edges bow away from the straight allowed ones they would otherwise hide behind.
        ...(verdict === 'denied'
          ? {
              label: '✕',
              color: c.denied,
              'line-dash-pattern': [2, 4],
              width: 1.8 * thick,
              'curve-style': 'unbundled-bezier',
              'control-point-distances': [56],
              'control-point-weights': [0.5],
            }
          : {}),
        ...(verdict === 'unrestricted' ? { width: 1.3 * thick, opacity: 0.75 } : {}),
      },
    })),
    // A denied edge a cluster tier, Calico tier or the mesh decided names it: `✕ admin`.
    { selector: 'edge.denied-by-tier', style: { label: 'data(ports)', 'font-weight': 'bold' } },
    // Bundled edges (between collapsed or crowded namespaces) say how many they stand for.
    { selector: 'edge.aggregated', style: { label: 'data(ports)', width: 3 * thick } },
    { selector: 'edge.focus', style: { width: 3.5 * thick, opacity: 1, 'z-index': 10 } },
    {
      selector: 'edge.selected',
      style: { width: 5 * thick, 'underlay-color': c.accent, 'underlay-opacity': 0.3, 'underlay-padding': 5 },
    },
    {
      selector: 'edge.changed',
      style: {
        width: 5 * thick,
        'underlay-color': '#ffca28',
        'underlay-opacity': 0.9,
        'underlay-padding': 6,
        'z-index': 20,
      },
    },
    {
      selector: 'edge.route',
      style: {
        'line-color': theme === 'dark' ? '#8fb3d9' : '#5a7fa6',
        'line-style': 'dashed',
        'line-dash-pattern': [10, 6],
        width: 1.5 * thick,
        'target-arrow-shape': 'vee',
        'target-arrow-color': theme === 'dark' ? '#8fb3d9' : '#5a7fa6',
        opacity: 0.85,
      },
    },
    // Before/after edges and ghost pods (owned by the teaching tools).
    ...teachOverlayStyle,
  ];
}
