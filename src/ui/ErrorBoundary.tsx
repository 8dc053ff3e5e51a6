import { Component, type ReactNode } from 'react';
import { t } from './i18n/index.ts';

interface Props {
  area: string;
  children: ReactNode;
}

/**
 * Shows what went wrong in one area instead of a blank page. Sources live in the store, outside
 * React, so nothing the user typed is lost; "Try again" re-renders the area.
 */
export class ErrorBoundary extends Component<Props, { error: Error | null }> {
  override state = { error: null as Error | null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  override render() {
    if (!this.state.error) return this.props.children;
    return (
      <div className="error-boundary" role="alert">
        <strong>{t('error.problem', { area: this.props.area })}</strong>
        <p>{this.state.error.message}</p>
        <p>{t('error.kept')}</p>
        <button type="button" onClick={() => this.setState({ error: null })}>
          {t('error.retry')}
        </button>
      </div>
    );
  }
}
