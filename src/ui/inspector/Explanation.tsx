import { useTranslation } from 'react-i18next';
import {
  type ConnectionSet,
  formatConnectionSet,
  isAll,
  isEmpty,
  isUnconditionallyEmpty,
  type PairExplanation,
  policyLabel,
  type SideExplanation,
} from '../../engine/index.ts';
import { useStore } from '../../state/store.ts';
import type { ReachlabState } from '../../state/types.ts';
import { VERDICT_STYLE } from '../graph/graphStyle.ts';
import { t } from '../i18n/index.ts';
import { SourceLink } from './SourceLink.tsx';

const selectExplanation = (s: ReachlabState) => s.explanation;
const selectEnforced = (s: ReachlabState) => s.snapshot?.enforced ?? true;

function verdictLine(set: ConnectionSet) {
  if (isEmpty(set)) return { verdict: 'denied' as const, text: t('inspector.denied') };
  if (isUnconditionallyEmpty(set))
    return {
      verdict: 'partial' as const,
      text: t('inspector.allowedConditional', { ports: formatConnectionSet(set) }),
    };
  if (isAll(set)) return { verdict: 'allowed' as const, text: t('inspector.allowedAll') };
  if (set.conditional?.length)
    return {
      verdict: 'partial' as const,
      text: t('inspector.allowedSomeConditional', { ports: formatConnectionSet(set) }),
    };
  return {
    verdict: 'partial' as const,
    text: t('inspector.allowedSome', { ports: formatConnectionSet(set) }),
  };
}

function Side({ side }: { side: SideExplanation }) {
  const { t } = useTranslation();
  const title =
    side.layer === 'mesh'
      ? t('inspector.meshSide', { id: side.subject })
      : side.direction === 'egress'
        ? t('inspector.sending', { id: side.subject })
        : t('inspector.receiving', { id: side.subject });
  if (side.isolatingPolicies.length === 0) {
    return (
      <section className="side">
        <h4>{title}</h4>
        <p>{t(`inspector.openSide_${side.direction}`)}</p>
      </section>
    );
  }
  return (
    <section className="side">
      <h4>{title}</h4>
      <p>
        {side.isolated ? t('inspector.isolatedBy') : t('inspector.decidedBy')}{' '}
        {side.isolatingPolicies.map((policy, i) => (
          <span key={policy.id}>
            {i > 0 && ', '}
            <SourceLink at={policy.ref} testId="policy-link">
              {policyLabel(policy)}
            </SourceLink>
          </span>
        ))}
        {side.isolated && <>. {t(`inspector.onlyRules_${side.direction}`)}</>}
      </p>
      {side.matches.length > 0 ? (
        <ul className="matches">
          {side.matches.map((match) => (
            <li key={`${match.policy.id}-${match.rule.index}`} data-effect={match.effect}>
              <span className="verdict-symbol" aria-hidden="true">
                {
                  VERDICT_STYLE[
                    match.effect === 'deny' ? 'denied' : match.effect === 'allow' ? 'allowed' : 'partial'
                  ].symbol
                }
              </span>{' '}
              {/* The tier is said in words, so a cluster-tier decision reads apart without colour. */}
              {match.policy.kind !== 'NetworkPolicy' && (
                <span className="tag">{t('inspector.tierTag', { tier: match.tier.label })}</span>
              )}{' '}
              <strong>{formatConnectionSet(match.allowed)}</strong> {t(`inspector.effect_${match.effect}`)}{' '}
              {t('inspector.by')}{' '}
              <SourceLink at={match.rule.ref} testId="rule-link">
                {t(`inspector.rule_${side.direction}`, {
                  policy: policyLabel(match.policy),
                  n: match.rule.name ?? match.rule.index + 1,
                })}
              </SourceLink>{' '}
              {match.peer ? t('inspector.peer', { peer: match.peer.label }) : t('inspector.anyPeer')}
              {match.portNote && <span className="muted"> {match.portNote}</span>}
            </li>
          ))}
        </ul>
      ) : (
        <div className="misses">
          {side.misses.length === 0 ? (
            <p>{t(`inspector.noRules_${side.direction}`)}</p>
          ) : (
            <>
              <p>{t('inspector.closest')}</p>
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
                        {t(`inspector.rule_${side.direction}`, {
                          policy: policyLabel(miss.policy),
                          n: miss.rule.name ?? miss.rule.index + 1,
                        })}
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
  const { t } = useTranslation();
  const current: PairExplanation | null = useStore(selectExplanation);
  const enforced = useStore(selectEnforced);
  if (!current) return <p className="muted">{t('inspector.explaining', { from, to })}</p>;
  // With a plugin that ignores policies the pair is open, whatever the rules below would say.
  const headline = enforced
    ? verdictLine(current.allowed)
    : { verdict: 'allowed' as const, text: t('inspector.notEnforcedHeadline') };
  return (
    <div
      className="explanation"
      data-testid="explanation"
      data-verdict={headline.verdict}
      data-conditional={enforced && current.allowed.conditional?.length ? 'true' : undefined}
    >
      <h3>
        {current.from} → {current.to}
      </h3>
      <p className={`verdict-headline verdict-${headline.verdict}`}>
        <span aria-hidden="true">{VERDICT_STYLE[headline.verdict].symbol}</span> {headline.text}
      </p>
      {!enforced && (
        <p className="notice-strong" data-testid="not-enforced">
          <span className="tag">{t('verdict.notEnforced')}</span> {t('inspector.notEnforcedBody')}
        </p>
      )}
      <p className="muted">{t('inspector.needsBoth')}</p>
      {current.egress && <Side side={current.egress} />}
      {current.ingress && <Side side={current.ingress} />}
      {current.mesh && <Side side={current.mesh} />}
      {!current.egress && <p className="muted">{t('inspector.outsideFrom', { id: current.from })}</p>}
      {!current.ingress && <p className="muted">{t('inspector.outsideTo', { id: current.to })}</p>}
    </div>
  );
}
