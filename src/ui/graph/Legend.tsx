import { useTranslation } from 'react-i18next';
import { DEFAULT_TIER } from '../../engine/index.ts';
import { useStore } from '../../state/store.ts';
import { CONDITIONAL_MARK } from '../../views/connectionLabel.ts';
import { useResolvedTheme } from '../useTheme.ts';
import { PALETTE, VERDICT_STYLE, type Verdictish } from './graphStyle.ts';

const DASH: Record<string, string | undefined> = { solid: undefined, dashed: '7 4', dotted: '2 4' };
const VERDICTS: Verdictish[] = ['allowed', 'partial', 'denied', 'unrestricted'];

function LineSample({ verdict }: { verdict: Verdictish }) {
  const style = VERDICT_STYLE[verdict];
  const color = PALETTE[useResolvedTheme()][verdict];
  return (
    <svg width="44" height="12" aria-hidden="true" className="line-sample">
      <line
        x1="2"
        y1="6"
        x2="34"
        y2="6"
        stroke={color}
        strokeWidth={verdict === 'unrestricted' ? 1.5 : 2.5}
        strokeDasharray={DASH[style.line]}
      />
      {style.arrow === 'tee' ? (
        <line x1="37" y1="1" x2="37" y2="11" stroke={color} strokeWidth="2.5" />
      ) : (
        <polygon points="34,1 42,6 34,11" fill={color} />
      )}
    </svg>
  );
}

function Shape({ kind }: { kind: string }) {
  const common = { fill: 'none', stroke: 'currentColor', strokeWidth: 1.5 };
  const shapes: Record<string, React.ReactNode> = {
    deployment: <rect x="2" y="2" width="24" height="12" rx="3" {...common} />,
    isolated: <rect x="2" y="2" width="24" height="12" rx="3" {...common} strokeWidth={3.5} />,
    statefulset: <path d="M4 2 H24 Q27 8 24 14 H4 Q1 8 4 2 Z" {...common} />,
    daemonset: <polygon points="7,2 21,2 26,8 21,14 7,14 2,8" {...common} />,
    pod: <ellipse cx="14" cy="8" rx="12" ry="6" {...common} />,
    job: <polygon points="2,2 20,2 26,8 20,14 2,14" {...common} />,
    service: <polygon points="14,1 27,8 14,15 1,8" {...common} />,
    ingress: <polygon points="14,1 26,6 22,15 6,15 2,6" {...common} />,
    external: <polygon points="8,2 20,2 26,6 26,10 20,14 8,14 2,10 2,6" {...common} strokeDasharray="3 2" />,
    namespace: <rect x="1" y="1" width="26" height="14" rx="2" {...common} strokeDasharray="0" />,
    collapsed: <rect x="1" y="1" width="26" height="14" rx="2" {...common} strokeWidth={3} />,
  };
  return (
    <svg width="28" height="16" aria-hidden="true" className="shape-sample">
      {shapes[kind]}
    </svg>
  );
}

const SHAPES = [
  'deployment',
  'isolated',
  'statefulset',
  'daemonset',
  'pod',
  'job',
  'service',
  'ingress',
  'external',
  'namespace',
  'collapsed',
];

/** Every encoding the graph uses (line, arrow end, symbol, shape, border), collapsible. */
export function Legend({ hiddenUnrestricted }: { hiddenUnrestricted: number }) {
  const { t } = useTranslation();
  // Only where some policy is not a plain NetworkPolicy can a denied arrow name another tier.
  const conditional = useStore(
    (s) =>
      (s.snapshot?.pairs.sets.some((set) => set.conditional) ||
        s.snapshot?.external.sets.some((set) => set.conditional)) ??
      false,
  );
  const tiered = useStore(
    (s) =>
      s.snapshot?.policies.some((p) => p.kind !== 'NetworkPolicy' || p.tier !== DEFAULT_TIER.label) ?? false,
  );
  return (
    <details className="legend" open data-testid="legend">
      <summary>{t('legend.title')}</summary>
      <ul>
        {VERDICTS.map((verdict) => (
          <li key={verdict}>
            <LineSample verdict={verdict} />
            <span aria-hidden="true">{VERDICT_STYLE[verdict].symbol}</span> {t(`verdict.${verdict}Long`)}
          </li>
        ))}
        {conditional && (
          <li data-testid="legend-conditional">
            <strong className="legend-tier-sample">{CONDITIONAL_MARK}</strong>
            <span>{t('legend.conditional')}</span>
          </li>
        )}
        {tiered && (
          <li data-testid="legend-denied-by-tier">
            <LineSample verdict="denied" />
            <strong className="legend-tier-sample">✕ {t('deniedBy.admin')}</strong>
            <span>{t('legend.deniedByTier')}</span>
          </li>
        )}
      </ul>
      <details className="legend-more">
        <summary>{t('legend.more')}</summary>
        <ul>
          <li>
            <span className="legend-count" aria-hidden="true">
              12
            </span>{' '}
            {t('legend.bundled')}
          </li>
          <li>
            <span className="legend-changed" aria-hidden="true" /> {t('legend.changed')}
          </li>
        </ul>
        <ul className="legend-shapes">
          {SHAPES.map((kind) => (
            <li key={kind}>
              <Shape kind={kind} /> {t(`legend.shape.${kind}`)}
            </li>
          ))}
        </ul>
      </details>
      {hiddenUnrestricted > 0 && (
        <p className="muted">
          {t('legend.hiddenOpen', { count: hiddenUnrestricted })}{' '}
          <button
            type="button"
            className="link"
            onClick={() => useStore.getState().toggleVerdict('unrestricted')}
          >
            {t('open.show')}
          </button>
        </p>
      )}
    </details>
  );
}
