/** The Monaco editor itself; loaded lazily by code-editor.tsx so Monaco stays out of the first bundle. */
import Editor from '@monaco-editor/react';
import './monaco-setup.js';
import type { CodeEditorProps } from './code-editor.js';

export const HOUSE_OPTIONS = {
  minimap: { enabled: false },
  fontSize: 12,
  lineHeight: 18,
  fontFamily: "'JetBrains Mono', 'Cascadia Code', 'SF Mono', Menlo, Consolas, 'DejaVu Sans Mono', monospace",
  scrollBeyondLastLine: false,
  automaticLayout: true,
  renderLineHighlight: 'none',
  tabSize: 2,
  wordWrap: 'on',
  folding: true,
  lineNumbersMinChars: 3,
  overviewRulerLanes: 0,
  padding: { top: 6, bottom: 6 },
  scrollbar: { verticalScrollbarSize: 10, horizontalScrollbarSize: 10 },
} as const;

export default function MonacoView({ value, language = 'json', readOnly = false, theme, height = 240, onChange }: CodeEditorProps) {
  return (
    <Editor
      value={value}
      language={language}
      theme={theme === 'dark' ? 'tidepool-dark' : 'tidepool-light'}
      height={height}
      onChange={(v) => onChange?.(v ?? '')}
      options={{ ...HOUSE_OPTIONS, readOnly, domReadOnly: readOnly, renderLineHighlight: readOnly ? 'none' : 'line' }}
    />
  );
}
