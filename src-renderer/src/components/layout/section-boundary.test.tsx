// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SectionBoundary } from './section-boundary.js';

let shouldThrow = true;
function Flaky() {
  if (shouldThrow) throw new Error('partition table exploded');
  return <p>section content</p>;
}

describe('SectionBoundary', () => {
  afterEach(cleanup);
  beforeEach(() => {
    shouldThrow = true;
    // React logs caught render errors; keep the test output readable.
    vi.spyOn(console, 'error').mockImplementation(() => {});
    vi.spyOn(console, 'warn').mockImplementation(() => {});
  });
  afterEach(() => vi.restoreAllMocks());

  it('shows the error, keeps siblings alive, and reloads the section', () => {
    render(<div><p>sidebar</p><SectionBoundary name="Topics"><Flaky /></SectionBoundary></div>);
    expect(screen.getByRole('alert').textContent).toContain('Topics stopped working');
    expect(screen.getByRole('alert').textContent).toContain('Error: partition table exploded');
    expect(screen.getByText('sidebar')).toBeTruthy();

    shouldThrow = false;
    fireEvent.click(screen.getByRole('button', { name: 'Reload section' }));
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.getByText('section content')).toBeTruthy();
  });

  it('shows the crash again if the section still fails after a reload', () => {
    render(<SectionBoundary name="Brokers"><Flaky /></SectionBoundary>);
    fireEvent.click(screen.getByRole('button', { name: 'Reload section' }));
    expect(screen.getByRole('alert').textContent).toContain('Brokers stopped working');
  });

  it('wraps a non-Error throw', () => {
    function Weird(): never { throw 'just a string'; }
    render(<SectionBoundary name="X"><Weird /></SectionBoundary>);
    expect(screen.getByRole('alert').textContent).toContain('just a string');
  });
});
