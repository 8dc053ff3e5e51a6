import { useStore } from '../../state/store.ts';
import { VERDICT_STYLE } from './graphStyle.ts';

const DASH: Record<string, string | undefined> = { solid: undefined, dashed: '7 4', dotted: '2 4' };

function LineSample({ verdict }: { verdict: keyof typeof VERDICT_STYLE }) {
  const style = VERDICT_STYLE[verdict];
  return (
    <svg width="44" height="12" aria-hidden="true" className="line-sample">
      <line
        x1="2"
        y1="6"
        x2="34"
        y2="6"
        stroke={style.color}
        strokeWidth={verdict === 'unrestricted' ? 1.5 : 2.5}
        strokeDasharray={DASH[style.line]}
      />
      {style.arrow === 'tee' ? (
        <line x1="37" y1="1" x2="37" y2="11" stroke={style.color} strokeWidth="2.5" />
      ) : (
        <polygon points="34,1 42,6 34,11" fill={style.color} />
      )}
    </svg>
  );
}

/** What line styles, shapes and borders mean: never colour alone. */
export function Legend({ hiddenUnrestricted }: { hiddenUnrestricted: number }) {
  return (
    <details className="legend" open aria-label="Legend">
      <summary>Legend</summary>
      <ul>
        {(Object.keys(VERDICT_STYLE) as (keyof typeof VERDICT_STYLE)[]).map((verdict) => (
          <li key={verdict}>
            <LineSample verdict={verdict} />
            <span aria-hidden="true">{VERDICT_STYLE[verdict].symbol}</span> {VERDICT_STYLE[verdict].text}
          </li>
        ))}
        <li className="muted">
          Thick border: isolated by a policy. Shapes: rounded box Deployment, barrel StatefulSet, hexagon
          DaemonSet, oval Pod, tag Job, diamond Service, pentagon Ingress, octagon external addresses.
        </li>
      </ul>
      {hiddenUnrestricted > 0 && (
        <p className="muted">
          {hiddenUnrestricted} open connections (no policy on either side) are hidden.{' '}
          <button
            type="button"
            className="link"
            onClick={() => useStore.getState().toggleVerdict('unrestricted')}
          >
            Show them
          </button>
        </p>
      )}
    </details>
  );
}
