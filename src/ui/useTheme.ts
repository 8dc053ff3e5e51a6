import { useEffect, useState } from 'react';
import { useStore } from '../state/store.ts';
import type { ReachlabState } from '../state/types.ts';
import type { Theme } from './graph/graphStyle.ts';

const selectTheme = (s: ReachlabState) => s.theme;
const DARK_QUERY = '(prefers-color-scheme: dark)';

function systemTheme(): Theme {
  return typeof matchMedia === 'function' && matchMedia(DARK_QUERY).matches ? 'dark' : 'light';
}

/** The theme in effect: the user's choice, or the system's setting (followed live). */
export function useResolvedTheme(): Theme {
  const choice = useStore(selectTheme);
  const [system, setSystem] = useState<Theme>(systemTheme);
  useEffect(() => {
    if (typeof matchMedia !== 'function') return;
    const query = matchMedia(DARK_QUERY);
    const follow = () => setSystem(query.matches ? 'dark' : 'light');
    query.addEventListener('change', follow);
    return () => query.removeEventListener('change', follow);
  }, []);
  return choice === 'system' ? system : choice;
}
