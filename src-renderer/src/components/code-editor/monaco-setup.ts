/**
 * Bundles Monaco locally (slim: the editor API plus JSON only) and tells @monaco-editor/react to use it,
 * so nothing is ever fetched from a CDN. Workers come from our own bundle through MonacoEnvironment.
 * Also registers the two house themes, whose colours match the CSS variables in styles/theme.css.
 */
import * as monaco from 'monaco-editor/editor/editor.api';
import 'monaco-editor/languages/features/json/register';
import { loader } from '@monaco-editor/react';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import JsonWorker from 'monaco-editor/languages/features/json/json.worker?worker';

self.MonacoEnvironment = {
  getWorker(_id: string, label: string) {
    return label === 'json' ? new JsonWorker() : new EditorWorker();
  },
};

monaco.editor.defineTheme('tidepool-dark', {
  base: 'vs-dark', inherit: true, rules: [],
  colors: { 'editor.background': '#1b1d21', 'editorGutter.background': '#1b1d21', 'editor.lineHighlightBackground': '#24272c' },
});
monaco.editor.defineTheme('tidepool-light', {
  base: 'vs', inherit: true, rules: [],
  colors: { 'editor.background': '#ffffff', 'editorGutter.background': '#ffffff', 'editor.lineHighlightBackground': '#f3f4f6' },
});

loader.config({ monaco });

export { monaco };
