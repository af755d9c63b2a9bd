import { describe, expect, it } from 'vitest';
import { SECTIONS, sectionFromHash, sectionHash, sectionLabel } from './paths.js';

describe('section paths', () => {
  it('round-trips every section through its hash', () => {
    for (const s of SECTIONS) expect(sectionFromHash(sectionHash(s.id))).toBe(s.id);
  });
  it('falls back to overview for empty, unknown or hostile hashes', () => {
    expect(sectionFromHash('')).toBe('overview');
    expect(sectionFromHash('#')).toBe('overview');
    expect(sectionFromHash('#/nope')).toBe('overview');
    expect(sectionFromHash('#/__proto__')).toBe('overview');
  });
  it('ignores trailing path and query parts', () => {
    expect(sectionFromHash('#/topics/orders?tab=messages')).toBe('topics');
    expect(sectionFromHash('#groups')).toBe('groups');
  });
  it('labels sections', () => {
    expect(sectionLabel('groups')).toBe('Consumer Groups');
  });
});
