import {
  ALL_CONNECTIONS,
  type ConnectionSet,
  DIMENSION_EXTENT,
  formatConnectionSet,
  isAll,
  isEmpty,
  NO_CONNECTIONS,
  subtract,
} from '../engine/index.ts';

/** Marks a verdict that holds only for some requests (an L7 rule, an external authorizer). */
export const CONDITIONAL_MARK = '⚑ L7';

/**
 * The short words for a connection set on a graph arrow or a matrix cell. A set that allows every
 * protocol but a few ports (a mesh that governs only TCP, an AdminNetworkPolicy that denies one
 * port) reads `all except TCP`, so the protocols besides TCP, UDP and SCTP (ICMP, GRE, ...) are not
 * a long list that hides what is denied. A set with parts allowed only for some requests starts
 * with {@link CONDITIONAL_MARK}.
 */
export function connectionLabel(set: ConnectionSet): { label: string; conditional: boolean } {
  const conditionalParts = set.conditional ?? [];
  const conditional = conditionalParts.length > 0;
  const unconditional: ConnectionSet = { ...set, conditional: [] };
  let text = formatConnectionSet(set);
  const otherProtocolsOpen = (['ICMP', 'ICMPv6', 'IP'] as const).every(
    (d) => JSON.stringify(set[d]) === JSON.stringify(DIMENSION_EXTENT[d]),
  );
  if (otherProtocolsOpen && !isAll(unconditional)) {
    const missing = formatConnectionSet(subtract(ALL_CONNECTIONS, unconditional)).replace(
      /\b(TCP|UDP|SCTP) all ports\b/g,
      '$1',
    );
    const onlySome = formatConnectionSet({ ...NO_CONNECTIONS, conditional: conditionalParts });
    text = [`all except ${missing}`, ...(conditional ? [onlySome] : [])].join('; ');
  }
  return { label: conditional && !isEmpty(set) ? `${CONDITIONAL_MARK} ${text}` : text, conditional };
}
