// The nemesis plan is deterministic per seed, faults one broker at a time, and undoes each fault within the run.
import { describe, expect, it } from 'vitest';
import { FAULT_KINDS, planFaults } from './nemesis.js';

describe('planFaults', () => {
  const opts = { seed: 42, nodeIds: [1, 2, 3], durationMs: 60_000 };

  it('gives the same plan for the same seed and a different one for another seed', () => {
    expect(planFaults(opts)).toEqual(planFaults(opts));
    expect(planFaults({ ...opts, seed: 43 })).not.toEqual(planFaults(opts));
  });

  it('keeps faults one at a time, inside the run, each healed before the lead-out, using every kind over many seeds', () => {
    const kinds = new Set<string>();
    for (let seed = 1; seed <= 50; seed++) {
      const plan = planFaults({ ...opts, seed });
      expect(plan.length).toBeGreaterThanOrEqual(5);
      let t = 3000;
      for (const s of plan) {
        expect(s.startMs).toBeGreaterThan(t);
        expect(s.healMs - s.startMs).toBeGreaterThanOrEqual(2000);
        expect(s.healMs).toBeLessThanOrEqual(56_000);
        expect(opts.nodeIds).toContain(s.nodeId);
        kinds.add(s.kind);
        t = s.healMs;
      }
    }
    expect([...kinds].sort()).toEqual([...FAULT_KINDS].sort());
  });

  it('draws only the kinds asked for', () => {
    const plan = planFaults({ ...opts, kinds: ['pause', 'restart'] });
    expect(new Set(plan.map((s) => s.kind))).toEqual(new Set(['pause', 'restart']));
  });

  it('returns no steps when the run is too short, and refuses an empty broker or kind list', () => {
    expect(planFaults({ ...opts, durationMs: 8000 })).toEqual([]);
    expect(() => planFaults({ ...opts, nodeIds: [] })).toThrow(/no brokers/);
    expect(() => planFaults({ ...opts, kinds: [] })).toThrow(/no fault kinds/);
  });
});
