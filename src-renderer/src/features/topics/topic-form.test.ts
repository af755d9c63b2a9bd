import { describe, expect, it } from 'vitest';
import { filterTopics } from './filter-topics.js';
import { parseConfigs, validateAddPartitions, validateCreateTopic } from './topic-form.js';

const form = (o: Partial<{ name: string; partitions: string; replicationFactor: string; configs: string }> = {}) =>
  ({ name: 'orders', partitions: '3', replicationFactor: '1', configs: '', ...o });

describe('topic forms', () => {
  it('accepts a valid topic with configs', () => {
    expect(validateCreateTopic(form({ configs: 'retention.ms=1000\n# c\n\ncleanup.policy = compact' }), new Set())).toEqual({
      ok: true, values: { topic: 'orders', partitions: 3, replicationFactor: 1, configs: { 'retention.ms': '1000', 'cleanup.policy': 'compact' } },
    });
  });

  it('names every problem', () => {
    const r = validateCreateTopic(form({ name: 'bad name', partitions: '0', replicationFactor: 'x', configs: 'novalue' }), new Set());
    expect(r).toEqual({ ok: false, errors: {
      name: expect.stringMatching(/letters, digits/), partitions: 'Partitions must be at least 1',
      replicationFactor: 'Replication factor must be a whole number', configs: 'line 1: write config as key=value',
    } });
    expect(validateCreateTopic(form({ name: '' }), new Set())).toMatchObject({ ok: false, errors: { name: 'a topic name cannot be empty' } });
    expect(validateCreateTopic(form({ name: '..' }), new Set())).toMatchObject({ ok: false, errors: { name: expect.stringMatching(/cannot be/) } });
    expect(validateCreateTopic(form(), new Set(['orders']))).toMatchObject({ ok: false, errors: { name: 'a topic named "orders" already exists' } });
    expect(validateCreateTopic(form({ partitions: '10001' }), new Set())).toMatchObject({ ok: false, errors: { partitions: /at most 10000/ } });
    expect(parseConfigs('=x')).toBe('line 1: write config as key=value');
  });

  it('only lets partitions grow', () => {
    expect(validateAddPartitions('5', 3)).toBe(5);
    expect(validateAddPartitions('3', 3)).toMatch(/only add partitions/);
    expect(validateAddPartitions('abc', 3)).toMatch(/whole number/);
  });

  it('filters by name, hiding internal topics unless asked', () => {
    const row = (name: string) => ({ name, internal: name.startsWith('__'), partitions: 1, replicationFactor: 1, underReplicated: 0, offline: 0 });
    const rows = [row('Orders'), row('payments'), row('__consumer_offsets')];
    expect(filterTopics(rows, 'ord', false).map((r) => r.name)).toEqual(['Orders']);
    expect(filterTopics(rows, '', false).map((r) => r.name)).toEqual(['Orders', 'payments']);
    expect(filterTopics(rows, 'CONSUMER', true).map((r) => r.name)).toEqual(['__consumer_offsets']);
  });
});
