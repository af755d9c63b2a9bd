/**
 * Error boundary around one section: a crash shows what happened and a "Reload section" button, and the
 * sidebar, status bar and other sections keep working. Reload remounts the section from scratch.
 */
import { Component, type ErrorInfo, type ReactNode } from 'react';

interface Props { name: string; children: ReactNode }
interface State { error: Error | undefined; generation: number }

export class SectionBoundary extends Component<Props, State> {
  override state: State = { error: undefined, generation: 0 };

  static getDerivedStateFromError(error: unknown): Partial<State> {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    // Kept in the console for bug reports; the UI shows the message itself.
    console.warn(`Section "${this.props.name}" crashed:`, error, info.componentStack);
  }

  private reload = () => this.setState((s) => ({ error: undefined, generation: s.generation + 1 }));

  override render() {
    const { error, generation } = this.state;
    if (error) {
      return (
        <div className="section-crash" role="alert" data-testid="section-crash">
          <h2>{this.props.name} stopped working</h2>
          <p>This section hit an error and was stopped. The rest of Tidepool is unaffected.</p>
          <pre className="section-crash-message">{error.name}: {error.message}</pre>
          <button type="button" className="btn btn-primary" onClick={this.reload}>Reload section</button>
        </div>
      );
    }
    return <div key={generation} className="section-body">{this.props.children}</div>;
  }
}
