/**
 * Bundles Monaco locally (slim: the editor API plus JSON only) and tells @monaco-editor/react to use it,
 * so nothing is ever fetched from a CDN. Workers come from our own bundle through MonacoEnvironment.
 * Also registers the two house themes, whose colours match the CSS variables in styles/theme.css.
 */
import * as monaco from 'monaco-editor/editor/editor.api';
import 'monaco-editor/languages/features/json/register';
// The JSON mode is normally loaded lazily, on the first JSON model. Its chunk carries editor services (the action
// widget behind quick fixes, suggest memories) that register themselves when evaluated; evaluated after the first
// editor initialised Monaco's services, they are unknown to it and the next hover or suggestion throws
// "[createInstance] ... depends on UNKNOWN service actionWidgetService / ISuggestMemories" (seen in
// e2e/messages.spec.ts when Re-produce opens the Producer after the message viewer). Loading it up front fixes that.
import 'monaco-editor/languages/features/json/jsonMode.js';
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
