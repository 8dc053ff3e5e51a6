import type { Core } from 'cytoscape';
import { edgeLabel } from './graphSvg.ts';

const attr = (text: string) =>
  text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll('\n', '&#xa;');

/**
 * The graph as a draw.io (diagrams.net) file: namespaces as containers, workloads inside them at
 * their positions on screen, edges between them with the line style and end that carry the
 * verdict, and the port or change labels, ready to be rearranged for a slide or a design doc.
 */
export function graphToDrawio(cy: Core): string {
  const ids = new Map<string, string>();
  const id = (name: string) => {
    let value = ids.get(name);
    if (!value) {
      value = `n${ids.size + 2}`;
      ids.set(name, value);
    }
    return value;
  };
  const box = cy.elements().boundingBox({});
  const ox = box.x1 - 20;
  const oy = box.y1 - 20;
  const cells: string[] = ['<mxCell id="0"/>', '<mxCell id="1" parent="0"/>'];
  const parents = cy.nodes().filter((n) => n.isParent());
  parents.forEach((node) => {
    const b = node.boundingBox({ includeLabels: false });
    cells.push(
      `<mxCell id="${id(node.id())}" value="${attr(String(node.data('label') ?? node.id()))}" style="rounded=1;whiteSpace=wrap;html=1;fillColor=#eef3f8;strokeColor=#7b8da1;verticalAlign=top;fontStyle=1;container=1;" vertex="1" parent="1"><mxGeometry x="${b.x1 - ox}" y="${b.y1 - oy}" width="${b.w}" height="${b.h}" as="geometry"/></mxCell>`,
    );
  });
  cy.nodes()
    .filter((n) => !n.isParent())
    .forEach((node) => {
      const { x, y } = node.position();
      const w = node.width();
      const h = node.height();
      const parent = node.parent().length ? node.parent().first() : null;
      const pb = parent?.boundingBox({ includeLabels: false });
      const px = pb ? x - w / 2 - pb.x1 : x - w / 2 - ox;
      const py = pb ? y - h / 2 - pb.y1 : y - h / 2 - oy;
      const dashed = String(node.style('border-style')) === 'dashed' ? 'dashed=1;' : '';
      const shape = String(node.style('shape')) === 'ellipse' ? 'ellipse;' : 'rounded=1;';
      cells.push(
        `<mxCell id="${id(node.id())}" value="${attr(String(node.data('label') ?? node.id()))}" style="${shape}whiteSpace=wrap;html=1;fillColor=${String(node.style('background-color'))};strokeColor=${String(node.style('border-color'))};${dashed}" vertex="1" parent="${parent ? id(parent.id()) : '1'}"><mxGeometry x="${px}" y="${py}" width="${w}" height="${h}" as="geometry"/></mxCell>`,
      );
    });
  cy.edges().forEach((edge, i) => {
    const lineStyle = String(edge.style('line-style'));
    const dashed =
      lineStyle === 'solid' ? '' : lineStyle === 'dotted' ? 'dashed=1;dashPattern=1 4;' : 'dashed=1;';
    const end =
      String(edge.style('target-arrow-shape')) === 'tee' ? 'endArrow=ERmandOne;' : 'endArrow=block;';
    cells.push(
      `<mxCell id="e${i}" value="${attr(edgeLabel(edge))}" style="${end}${dashed}html=1;strokeColor=${String(edge.style('line-color'))};strokeWidth=${Number.parseFloat(String(edge.style('width'))) || 2};" edge="1" parent="1" source="${id(edge.source().id())}" target="${id(edge.target().id())}"><mxGeometry relative="1" as="geometry"/></mxCell>`,
    );
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<mxfile host="Reachlab">',
    '<diagram name="Reachlab graph" id="reachlab">',
    '<mxGraphModel dx="1200" dy="800" grid="1" gridSize="10" guides="1" tooltips="1" connect="1" arrows="1" fold="1" page="0" pageScale="1" math="0" shadow="0">',
    `<root>${cells.join('')}</root>`,
    '</mxGraphModel>',
    '</diagram>',
    '</mxfile>',
  ].join('\n');
}
