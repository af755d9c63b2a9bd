// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from './app.js';
import { installFakeCore } from './test-support.js';

vi.mock('./components/code-editor/monaco-view.js', () => ({ default: (p: { value: string }) => <pre>{p.value}</pre> }));

describe('App shell', () => {
  beforeEach(() => { window.location.hash = ''; localStorage.clear(); });
  afterEach(cleanup);

  function start() {
    return installFakeCore({ 'clusters.list': () => [], 'system.metricsHistory': () => [] }, 'connecting');
  }

  it('shows the connection state with the transport as it changes', () => {
    const { fake } = start();
    render(<App />);
    const status = screen.getByTestId('connection-status');
    expect(status.textContent).toBe('Core: Connecting · WebSocket');
    act(() => fake.setState('open'));
    expect(status.dataset.state).toBe('open');
    expect(status.textContent).toBe('Core: Connected · WebSocket');
    act(() => fake.setState('closed'));
    expect(status.textContent).toBe('Core: Disconnected · WebSocket');
  });

  it('renders the section named in the hash and follows hash changes', async () => {
    start();
    window.location.hash = '#/topics';
    render(<App />);
    expect(screen.getByTestId('section-title').textContent).toBe('Topics');
    expect(screen.getByTestId('empty-topics')).toBeTruthy();
    act(() => { window.location.hash = '#/groups'; window.dispatchEvent(new HashChangeEvent('hashchange')); });
    expect(screen.getByTestId('section-title').textContent).toBe('Consumer Groups');
    expect(screen.getByTestId('nav-groups').getAttribute('aria-current')).toBe('page');
  });

  it('toggles the theme on <html> and remembers the override', () => {
    start();
    render(<App />);
    const before = document.documentElement.dataset.theme;
    expect(before === 'light' || before === 'dark').toBe(true);
    fireEvent.click(screen.getByTestId('theme-toggle'));
    const after = document.documentElement.dataset.theme;
    expect(after).not.toBe(before);
    expect(JSON.parse(localStorage.getItem('tidepool.prefs')!).state.theme).toBe(after);
    expect(screen.getByTestId('theme-status').textContent).toBe(`Theme: ${after}`);
  });

  it('navigates from the palette', () => {
    start();
    window.location.hash = '#/overview';
    render(<App />);
    act(() => { window.dispatchEvent(new KeyboardEvent('keydown', { key: 'k', ctrlKey: true })); });
    fireEvent.change(screen.getByTestId('palette-input'), { target: { value: 'local' } });
    fireEvent.keyDown(screen.getByTestId('palette-input'), { key: 'Enter' });
    act(() => { window.dispatchEvent(new HashChangeEvent('hashchange')); });
    expect(window.location.hash).toBe('#/local-cluster');
    expect(screen.getByTestId('section-title').textContent).toBe('Local Cluster');
  });
});
