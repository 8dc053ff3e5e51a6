import {
  type ConnectionSet,
  formatConnectionSet,
  isAll,
  isEmpty,
  type PairExplanation,
  type SideExplanation,
} from '../../engine/index.ts';
import { useStore } from '../../state/store.ts';
import type { ReachlabState } from '../../state/types.ts';
import { VERDICT_STYLE } from '../graph/graphStyle.ts';
import { SourceLink } from './SourceLink.tsx';

const selectExplanation = (s: ReachlabState) => s.explanation;

function verdictLine(set: ConnectionSet) {
  if (isEmpty(set)) return { verdict: 'denied' as const, text: 'Denied' };
  if (isAll(set)) return { verdict: 'allowed' as const, text: 'Allowed on every port' };
  return { verdict: 'partial' as const, text: `Allowed on ${formatConnectionSet(set)} only` };
}

function Side({ side }: { side: SideExplanation }) {
  const title =
    side.direction === 'egress' ? `${side.subject} sending (egress)` : `${side.subject} receiving (ingress)`;
  if (!side.isolated) {
    return (
      <section className="side">
        <h4>{title}</h4>
        <p>No policy selects it for {side.direction}, so every connection is allowed on this side.</p>
      </section>
    );
  }
  return (
    <section className="side">
      <h4>{title}</h4>
      <p>
        Isolated by{' '}
        {side.isolatingPolicies.map((policy, i) => (
          <span key={policy.id}>
            {i > 0 && ', '}
            <SourceLink at={policy.ref} testId="policy-link">
              {policy.id}
            </SourceLink>
          </span>
        ))}
        . Only what their {side.direction} rules allow gets through.
      </p>
      {side.matches.length > 0 ? (
        <ul className="matches">
          {side.matches.map((match) => (
            <li key={`${match.policy.id}-${match.rule.index}`}>
              <span className="verdict-symbol" aria-hidden="true">
                {VERDICT_STYLE.allowed.symbol}
              </span>{' '}
              <strong>{formatConnectionSet(match.allowed)}</strong> by{' '}
              <SourceLink at={match.rule.ref} testId="rule-link">
                {match.policy.name} {side.direction} rule {match.rule.index + 1}
              </SourceLink>
              {match.peer ? ` (peer: ${match.peer.label})` : ' (any peer)'}
              {match.portNote && <span className="muted"> {match.portNote}</span>}
            </li>
          ))}
        </ul>
      ) : (
        <div className="misses">
          {side.misses.length === 0 ? (
            <p>Nothing allows it: these policies have no {side.direction} rules (deny all).</p>
          ) : (
            <>
              <p>No rule matches. Closest:</p>
              <ul>
                {side.misses
                  .filter((miss) => miss.distance === side.misses[0]?.distance)
                  .slice(0, 3)
                  .map((miss) => (
                    <li key={`${miss.policy.id}-${miss.rule.index}`}>
                      <span className="verdict-symbol" aria-hidden="true">
                        {VERDICT_STYLE.denied.symbol}
                      </span>{' '}
                      <SourceLink at={miss.rule.ref} testId="rule-link">
                        {miss.policy.name} {side.direction} rule {miss.rule.index + 1}
                      </SourceLink>
                      : {miss.reason}
                    </li>
                  ))}
              </ul>
            </>
          )}
        </div>
      )}
    </section>
  );
}

/** The engine's explanation of the selected pair, in plain language with links to the YAML. */
export function Explanation({ from, to }: { from: string; to: string }) {
  // The runner only stores the explanation of the pair that is selected now.
  const current: PairExplanation | null = useStore(selectExplanation);
  if (!current)
    return (
      <p className="muted">
        Explaining {from} → {to}…
      </p>
    );
  const headline = verdictLine(current.allowed);
  return (
    <div className="explanation" data-testid="explanation" data-verdict={headline.verdict}>
      <h3>
        {current.from} → {current.to}
      </h3>
      <p className={`verdict-headline verdict-${headline.verdict}`}>
        <span aria-hidden="true">{VERDICT_STYLE[headline.verdict].symbol}</span> {headline.text}
      </p>
      <p className="muted">A connection needs the sender's egress and the receiver's ingress to allow it.</p>
      {current.egress && <Side side={current.egress} />}
      {current.ingress && <Side side={current.ingress} />}
      {!current.egress && (
        <p className="muted">{current.from} is outside the cluster: nothing here limits what it sends.</p>
      )}
      {!current.ingress && (
        <p className="muted">{current.to} is outside the cluster: nothing here limits what it receives.</p>
      )}
    </div>
  );
}
