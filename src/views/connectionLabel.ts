import {
  ALL_CONNECTIONS,
  type ConnectionSet,
  DIMENSION_EXTENT,
  type Dimension,
  formatConnectionSet,
  formatRanges,
  isAll,
  isEmpty,
  NO_CONNECTIONS,
  subtract,
} from '../engine/index.ts';

/** Marks a verdict that holds only for some requests (an L7 rule, an external authorizer). */
export const CONDITIONAL_MARK = '⚑ L7';

const PORT_PROTOCOLS = ['TCP', 'UDP', 'SCTP'] as const;
const OTHER_PROTOCOLS = ['ICMP', 'ICMPv6', 'IP'] as const;

const whole = (ranges: readonly (readonly [number, number])[], d: Dimension) =>
  JSON.stringify(ranges) === JSON.stringify(DIMENSION_EXTENT[d]);

/**
 * The short words for a connection set on a graph arrow or a matrix cell. Where every protocol
 * besides TCP, UDP and SCTP (ICMP, GRE, ...) is open, they read `other protocols`, and a set that
 * lacks only whole protocols reads `all except TCP` (a mesh that governs TCP only), so a long list
 * does not hide what is denied. Parts allowed only for some requests start the label with
 * {@link CONDITIONAL_MARK}.
 */
export function connectionLabel(set: ConnectionSet): { label: string; conditional: boolean } {
  const conditionalParts = set.conditional ?? [];
  const conditional = conditionalParts.length > 0;
  const unconditional: ConnectionSet = { ...set, conditional: [] };
  let text = formatConnectionSet(set);
  if (OTHER_PROTOCOLS.every((d) => whole(set[d], d)) && !isAll(unconditional)) {
    const missing = subtract(ALL_CONNECTIONS, unconditional);
    const missingDims = PORT_PROTOCOLS.filter((d) => missing[d].length > 0);
    const onlyWhole = missingDims.every((d) => whole(missing[d], d));
    const open = onlyWhole
      ? [`all except ${missingDims.join(', ')}`]
      : [
          ...PORT_PROTOCOLS.filter((d) => set[d].length > 0).map((d) =>
            whole(set[d], d) ? d : `${d} ${formatRanges(d, set[d])}`,
          ),
          'other protocols',
        ];
    const onlySome = conditional
      ? [wholeProtocols(formatConnectionSet({ ...NO_CONNECTIONS, conditional: conditionalParts }))]
      : [];
    text = [...open, ...onlySome].join('; ');
  }
  return { label: conditional && !isEmpty(set) ? `${CONDITIONAL_MARK} ${text}` : text, conditional };
}

/** `TCP all ports` reads `TCP` where the label is already about protocols. */
function wholeProtocols(text: string): string {
  return text.replace(/\b(TCP|UDP|SCTP) all ports\b/g, '$1');
}
