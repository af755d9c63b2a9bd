// @vitest-environment happy-dom
import { cleanup, act, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { usePaletteStore } from '../../stores/palette-store.js';
import { CommandPalette, isPaletteShortcut } from './command-palette.js';
import type { Command } from './filter-commands.js';

function setup() {
  const ran: string[] = [];
  const commands: Command[] = ['Overview', 'Brokers', 'Topics'].map((s) => ({ id: s, label: `Go to ${s}`, group: 'Navigate', run: () => ran.push(s) }));
  render(<CommandPalette commands={commands} />);
  return ran;
}
const press = (key: string, init: KeyboardEventInit = {}) => act(() => { window.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, ...init })); });

describe('CommandPalette', () => {
  afterEach(cleanup);
  beforeEach(() => usePaletteStore.setState({ open: false, query: '', active: 0 }));

  it('opens on Ctrl+K and on Cmd+K, and closes on Escape', () => {
    setup();
    expect(screen.queryByRole('dialog')).toBeNull();
    press('k', { ctrlKey: true });
    expect(screen.getByRole('dialog')).toBeTruthy();
    fireEvent.keyDown(screen.getByTestId('palette-input'), { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
    press('K', { metaKey: true });
    expect(screen.getByRole('dialog')).toBeTruthy();
  });

  it('filters, moves with the arrow keys (wrapping) and runs with Enter', () => {
    const ran = setup();
    press('k', { ctrlKey: true });
    const input = screen.getByTestId('palette-input');
    expect(screen.getAllByRole('option')).toHaveLength(3);
    fireEvent.keyDown(input, { key: 'ArrowUp' });
    expect(screen.getAllByRole('option')[2]!.getAttribute('aria-selected')).toBe('true');
    fireEvent.keyDown(input, { key: 'ArrowDown' });
    fireEvent.keyDown(input, { key: 'ArrowDown' });
    expect(screen.getAllByRole('option')[1]!.getAttribute('aria-selected')).toBe('true');
    fireEvent.change(input, { target: { value: 'top' } });
    expect(screen.getAllByRole('option').map((o) => o.textContent)).toEqual(['Go to TopicsNavigate']);
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(ran).toEqual(['Topics']);
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('says so when nothing matches, and Enter then does nothing', () => {
    const ran = setup();
    press('k', { ctrlKey: true });
    const input = screen.getByTestId('palette-input');
    fireEvent.change(input, { target: { value: 'nothing like this' } });
    expect(screen.getByText('No matching commands')).toBeTruthy();
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(ran).toEqual([]);
    expect(screen.getByRole('dialog')).toBeTruthy();
  });

  it('runs a command on click and closes when clicking outside', () => {
    const ran = setup();
    press('k', { ctrlKey: true });
    fireEvent.mouseDown(screen.getByText('Go to Brokers'));
    expect(ran).toEqual(['Brokers']);
    press('k', { ctrlKey: true });
    fireEvent.mouseDown(document.querySelector('.palette-backdrop')!);
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('recognises only the plain shortcut', () => {
    expect(isPaletteShortcut({ key: 'k', ctrlKey: true, metaKey: false, altKey: false, shiftKey: false })).toBe(true);
    expect(isPaletteShortcut({ key: 'k', ctrlKey: true, metaKey: false, altKey: false, shiftKey: true })).toBe(false);
    expect(isPaletteShortcut({ key: 'k', ctrlKey: false, metaKey: false, altKey: false, shiftKey: false })).toBe(false);
    expect(isPaletteShortcut({ key: 'j', ctrlKey: true, metaKey: false, altKey: false, shiftKey: false })).toBe(false);
  });
});
