// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CodeEditor } from './code-editor.js';

// Monaco itself needs a real browser (covered by the e2e suite); this checks the wrapper's own job.
vi.mock('./monaco-view.js', () => ({
  default: (p: { value: string; theme: string; readOnly?: boolean; height: number }) =>
    <pre data-testid="view" data-theme={p.theme} data-readonly={String(p.readOnly)} data-height={p.height}>{p.value}</pre>,
}));

describe('CodeEditor', () => {
  afterEach(cleanup);

  it('shows the text at once while Monaco loads, then hands Monaco the props', async () => {
    render(<CodeEditor value='{"a": 1}' theme="dark" readOnly height={150} data-testid="ed" />);
    const frame = screen.getByTestId('ed');
    expect(frame.style.height).toBe('150px');
    expect(frame.textContent).toBe('{"a": 1}'); // the fallback, before the lazy chunk resolves
    const view = await screen.findByTestId('view');
    expect(view.dataset).toMatchObject({ theme: 'dark', readonly: 'true', height: '150' });
    expect(view.textContent).toBe('{"a": 1}');
  });

  it('defaults the height', async () => {
    render(<CodeEditor value="" theme="light" data-testid="ed" />);
    expect(screen.getByTestId('ed').style.height).toBe('240px');
    expect((await screen.findByTestId('view')).dataset.height).toBe('240');
  });
});
