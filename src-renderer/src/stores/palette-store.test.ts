import { describe, expect, it } from 'vitest';
import { usePaletteStore } from './palette-store.js';

describe('palette store', () => {
  it('opens fresh, resets the highlight on typing, and wraps moves', () => {
    const s = () => usePaletteStore.getState();
    s().setQuery('old');
    s().openPalette();
    expect(s()).toMatchObject({ open: true, query: '', active: 0 });
    s().moveActive(-1, 4);
    expect(s().active).toBe(3);
    s().moveActive(2, 4);
    expect(s().active).toBe(1);
    s().setQuery('x');
    expect(s().active).toBe(0);
    s().moveActive(1, 0);
    expect(s().active).toBe(0);
    s().closePalette();
    expect(s().open).toBe(false);
  });
});
