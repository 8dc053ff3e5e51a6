import type { Core, EdgeSingular, NodeSingular } from 'cytoscape';

const escapeXml = (text: string) =>
  text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

const DASH: Record<string, string> = { dashed: '8 5', dotted: '2 4' };

/** The edge's label as drawn (ports of partial edges, the change of a before/after edge). */
export function edgeLabel(edge: EdgeSingular): string {
  if (edge.hasClass('diff') || edge.hasClass('verdict-partial')) return String(edge.data('ports') ?? '');
  if (edge.hasClass('verdict-denied')) return '✕ denied';
  return '';
}

/**
 * The graph as drawn, as a standalone SVG: namespace boxes, workload shapes with their labels,
 * edges with the line style and end (arrow or bar) that carry their verdict, and edge labels.
 */
export function graphToSvg(cy: Core): string {
  const box = cy.elements().boundingBox({});
  const pad = 20;
  const x0 = box.x1 - pad;
  const y0 = box.y1 - pad;
  const width = Math.ceil(box.w + 2 * pad);
  const height = Math.ceil(box.h + 2 * pad);
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="${x0} ${y0} ${width} ${height}" font-family="system-ui, sans-serif">`,
    '<title>Reachlab graph</title>',
    `<rect x="${x0}" y="${y0}" width="${width}" height="${height}" fill="#ffffff"/>`,
  ];
  const parents = cy.nodes().filter((n) => n.isParent());
  parents.forEach((node) => {
    const b = node.boundingBox({ includeLabels: false });
    out.push(
      `<g class="namespace"><rect x="${b.x1}" y="${b.y1}" width="${b.w}" height="${b.h}" rx="8" fill="#eef3f8" stroke="#7b8da1" stroke-width="1.5"/>`,
      `<text x="${b.x1 + b.w / 2}" y="${b.y1 - 6}" text-anchor="middle" font-size="13" font-weight="bold" fill="#2c3e50">${escapeXml(String(node.data('label') ?? node.id()))}</text></g>`,
    );
  });
  cy.edges().forEach((edge) => {
    if (edge.hidden() || edge.style('display') === 'none') return;
    const s = edge.sourceEndpoint();
    const t = edge.targetEndpoint();
    const color = String(edge.style('line-color'));
    const dash = DASH[String(edge.style('line-style'))];
    const width = Number.parseFloat(String(edge.style('width'))) || 2;
    const end = String(edge.style('target-arrow-shape'));
    const angle = Math.atan2(t.y - s.y, t.x - s.x);
    out.push(
      `<g class="edge" data-source="${escapeXml(edge.source().id())}" data-target="${escapeXml(edge.target().id())}">`,
      `<line x1="${s.x}" y1="${s.y}" x2="${t.x}" y2="${t.y}" stroke="${color}" stroke-width="${width}"${dash ? ` stroke-dasharray="${dash}"` : ''}/>`,
      end === 'tee' ? tee(t, angle, color) : end === 'none' ? '' : arrow(t, angle, color),
    );
    const label = edgeLabel(edge);
    if (label)
      out.push(
        `<text x="${(s.x + t.x) / 2}" y="${(s.y + t.y) / 2 - 4}" text-anchor="middle" font-size="11" fill="${color}" paint-order="stroke" stroke="#ffffff" stroke-width="3">${escapeXml(label)}</text>`,
      );
    out.push('</g>');
  });
  cy.nodes()
    .filter((n) => !n.isParent())
    .forEach((node) => {
      out.push(nodeSvg(node));
    });
  out.push('</svg>');
  return out.join('\n');
}

function arrow(t: { x: number; y: number }, angle: number, color: string): string {
  const size = 9;
  const p = (a: number) => `${t.x - size * Math.cos(angle + a)},${t.y - size * Math.sin(angle + a)}`;
  return `<polygon points="${t.x},${t.y} ${p(0.45)} ${p(-0.45)}" fill="${color}"/>`;
}

function tee(t: { x: number; y: number }, angle: number, color: string): string {
  const dx = 7 * Math.cos(angle + Math.PI / 2);
  const dy = 7 * Math.sin(angle + Math.PI / 2);
  return `<line x1="${t.x - dx}" y1="${t.y - dy}" x2="${t.x + dx}" y2="${t.y + dy}" stroke="${color}" stroke-width="3"/>`;
}

function nodeSvg(node: NodeSingular): string {
  const { x, y } = node.position();
  const w = node.width();
  const h = node.height();
  const fill = String(node.style('background-color'));
  const stroke = String(node.style('border-color'));
  const borderWidth = Number.parseFloat(String(node.style('border-width'))) || 1;
  const dash = DASH[String(node.style('border-style'))];
  const shape = String(node.style('shape'));
  const common = `fill="${fill}" stroke="${stroke}" stroke-width="${borderWidth}"${dash ? ` stroke-dasharray="${dash}"` : ''}`;
  const body =
    shape === 'ellipse'
      ? `<ellipse cx="${x}" cy="${y}" rx="${w / 2}" ry="${h / 2}" ${common}/>`
      : `<rect x="${x - w / 2}" y="${y - h / 2}" width="${w}" height="${h}" rx="${shape.includes('round') ? 8 : 2}" ${common}/>`;
  const lines = String(node.data('label') ?? node.id()).split('\n');
  const first = y - ((lines.length - 1) * 15) / 2 + 4;
  const text = lines
    .map((line, i) => `<tspan x="${x}" y="${first + i * 15}">${escapeXml(line)}</tspan>`)
    .join('');
  return `<g class="node" data-id="${escapeXml(node.id())}">${body}<text text-anchor="middle" font-size="12" fill="#1d2733">${text}</text></g>`;
}
