import { describe, expect, it } from 'vitest';
import { groupFromHash, groupHash, SECTIONS, sectionFromHash, sectionHash, sectionLabel } from './paths.js';

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

  it('round-trips a group id through #/groups/<id>, escaping it, and refuses other or malformed hashes', () => {
    for (const id of ['billing', 'audit/v2', 'a b?c#d', 'ünï']) expect(groupFromHash(groupHash(id))).toBe(id);
    expect(groupHash('audit/v2')).toBe('#/groups/audit%2Fv2');
    expect(groupFromHash('#/groups')).toBeNull();
    expect(groupFromHash('#/groups/')).toBeNull();
    expect(groupFromHash('#/topics/billing')).toBeNull();
    expect(groupFromHash('#/groups/%E0%A4%A')).toBeNull();
  });
});
