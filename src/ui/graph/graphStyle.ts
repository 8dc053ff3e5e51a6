import type { StylesheetJson } from 'cytoscape';
import { teachOverlayStyle } from '../diff/graphOverlay.ts';

/**
 * Verdict colours are never the only cue: allowed edges are solid with an arrow, partial ones
 * dashed with their ports as a label, denied ones dotted with a bar ("tee") end, and traffic no
 * policy restricts is thin and grey. The legend shows the same four.
 */
export const VERDICT_STYLE = {
  allowed: { color: '#1b7f3b', line: 'solid', arrow: 'triangle', symbol: '✓', text: 'allowed (all ports)' },
  partial: {
    color: '#a65c00',
    line: 'dashed',
    arrow: 'triangle',
    symbol: '◐',
    text: 'allowed on some ports',
  },
  denied: { color: '#c62828', line: 'dotted', arrow: 'tee', symbol: '✕', text: 'denied by policy' },
  unrestricted: {
    color: '#8a96a3',
    line: 'solid',
    arrow: 'triangle',
    symbol: '○',
    text: 'open: no policy applies',
  },
} as const;

export const graphStyle: StylesheetJson = [
  {
    selector: 'node',
    style: {
      label: 'data(label)',
      'text-wrap': 'wrap',
      'text-max-width': '170px',
      'font-size': 13,
      'font-family': 'system-ui, -apple-system, "Segoe UI", "Noto Sans", "Noto Sans CJK SC", sans-serif',
      color: '#1d2733',
      'text-valign': 'center',
      'text-halign': 'center',
      'min-zoomed-font-size': 6,
    },
  },
  {
    selector: 'node.namespace',
    style: {
      shape: 'round-rectangle',
      'background-color': '#eef3f8',
      'background-opacity': 0.9,
      'border-width': 1.5,
      'border-color': '#7b8da1',
      'text-valign': 'top',
      'text-halign': 'center',
      'text-margin-y': -4,
      'font-size': 13,
      'font-weight': 'bold',
      color: '#2c3e50',
      padding: '18px',
    },
  },
  {
    selector: 'node.workload',
    style: {
      shape: 'round-rectangle',
      width: 176,
      height: 60,
      'background-color': '#ffffff',
      'border-width': 1.5,
      'border-color': '#51606f',
    },
  },
  { selector: 'node.kind-statefulset', style: { shape: 'barrel' } },
  { selector: 'node.kind-daemonset', style: { shape: 'round-hexagon' } },
  { selector: 'node.kind-pod', style: { shape: 'ellipse' } },
  { selector: 'node.kind-job, node.kind-cronjob', style: { shape: 'round-tag' } },
  {
    selector: 'node.isolated-ingress, node.isolated-egress',
    style: { 'border-width': 3, 'border-color': '#2c3e50' },
  },
  {
    selector: 'node.service',
    style: {
      shape: 'round-diamond',
      width: 120,
      height: 60,
      'background-color': '#e3f0fb',
      'border-color': '#3b78b5',
      'border-width': 1.5,
      'font-size': 9,
      'text-max-width': '110px',
    },
  },
  {
    selector: 'node.ingress',
    style: {
      shape: 'round-pentagon',
      width: 130,
      height: 60,
      'background-color': '#f1e8fb',
      'border-color': '#7a4cb0',
      'border-width': 1.5,
      'font-size': 9,
    },
  },
  {
    selector: 'node.external',
    style: {
      shape: 'round-octagon',
      width: 150,
      height: 56,
      'background-color': '#fff8e6',
      'border-color': '#9a7b2f',
      'border-width': 1.5,
      'border-style': 'dashed',
    },
  },
  { selector: 'node.assumed', style: { 'border-style': 'dashed', 'background-color': '#f7f7f7' } },
  {
    selector: 'node.namespace.collapsed',
    style: {
      width: 180,
      height: 64,
      'text-valign': 'center',
      'text-margin-y': 0,
      'font-size': 12,
      'border-width': 2,
      'border-style': 'double',
    },
  },
  {
    selector: 'node.selected',
    style: {
      'border-width': 4,
      'border-color': '#1565c0',
      'overlay-color': '#1565c0',
      'overlay-opacity': 0.08,
    },
  },
  { selector: 'node.match', style: { 'border-color': '#1565c0', 'border-width': 4 } },
  { selector: '.faded', style: { opacity: 0.18 } },
  {
    selector: 'edge',
    style: {
      'curve-style': 'bezier',
      width: 2,
      'arrow-scale': 1.1,
      'font-size': 11,
      'text-rotation': 'autorotate',
      'text-background-color': '#ffffff',
      'text-background-opacity': 0.85,
      'text-background-padding': '1px',
      'min-zoomed-font-size': 8,
    },
  },
  ...(['allowed', 'partial', 'denied', 'unrestricted'] as const).map((verdict) => ({
    selector: verdict === 'unrestricted' ? 'edge.unrestricted' : `edge.verdict-${verdict}`,
    style: {
      'line-color': VERDICT_STYLE[verdict].color,
      'target-arrow-color': VERDICT_STYLE[verdict].color,
      'target-arrow-shape': VERDICT_STYLE[verdict].arrow,
      'line-style': VERDICT_STYLE[verdict].line,
      ...(verdict === 'partial'
        ? { label: 'data(ports)', color: VERDICT_STYLE.partial.color, 'line-dash-pattern': [7, 4] }
        : {}),
      // Denied edges bow away from the straight allowed ones they would otherwise hide behind.
      ...(verdict === 'denied'
        ? {
            label: '✕',
            color: VERDICT_STYLE.denied.color,
            'line-dash-pattern': [2, 4],
            width: 1.5,
            'curve-style': 'unbundled-bezier',
            'control-point-distances': [40],
            'control-point-weights': [0.5],
          }
        : {}),
      ...(verdict === 'unrestricted' ? { width: 1, opacity: 0.55 } : {}),
    },
  })),
  { selector: 'edge.focus', style: { width: 3.5, opacity: 1, 'z-index': 10 } },
  {
    selector: 'edge.selected',
    style: { width: 5, 'underlay-color': '#1565c0', 'underlay-opacity': 0.25, 'underlay-padding': 5 },
  },
  {
    selector: 'edge.changed',
    style: {
      width: 5,
      'underlay-color': '#ffca28',
      'underlay-opacity': 0.9,
      'underlay-padding': 6,
      'z-index': 20,
    },
  },
  {
    selector: 'edge.route',
    style: {
      'line-color': '#6b8fb5',
      'line-style': 'dashed',
      'line-dash-pattern': [10, 6],
      width: 1.5,
      'target-arrow-shape': 'vee',
      'target-arrow-color': '#6b8fb5',
      opacity: 0.8,
    },
  },
  // Before/after edges and ghost pods (owned by the teaching tools).
  ...teachOverlayStyle,
];
