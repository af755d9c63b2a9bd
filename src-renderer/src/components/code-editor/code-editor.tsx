/**
 * The one Monaco wrapper: house defaults, app theme, local workers, lazy-loaded (Monaco is large), and a
 * data-testid on the frame for Playwright. Every editor or JSON viewer in the app goes through it.
 */
import { lazy, Suspense } from 'react';
import type { Theme } from '../../stores/prefs-store.js';

export interface CodeEditorProps {
  value: string;
  language?: 'json' | 'plaintext';
  readOnly?: boolean;
  theme: Theme;
  height?: number;
  onChange?(value: string): void;
  'data-testid'?: string;
}

const MonacoView = lazy(() => import('./monaco-view.js'));

export function CodeEditor(props: CodeEditorProps) {
  const height = props.height ?? 240;
  return (
    <div className="code-editor" data-testid={props['data-testid']} style={{ height }}>
      <Suspense fallback={<pre className="code-editor-fallback" aria-busy="true">{props.value}</pre>}>
        <MonacoView {...props} height={height} />
      </Suspense>
    </div>
  );
}
