import { describe, expect, it } from 'vitest';
import { filterCommands, type Command } from './filter-commands.js';

const cmd = (id: string, label: string, group = 'Navigate', keywords?: string[]): Command => ({ id, label, group, keywords, run: () => {} });
const all = [
  cmd('go-overview', 'Go to Overview'),
  cmd('go-topics', 'Go to Topics'),
  cmd('go-groups', 'Go to Consumer Groups', 'Navigate', ['lag', 'offsets']),
  cmd('theme', 'Toggle theme', 'Preferences', ['dark', 'light']),
  cmd('topics-first', 'Topics: create'),
];
const ids = (q: string) => filterCommands(all, q).map((c) => c.id);

describe('filterCommands', () => {
  it('returns everything, in order, for an empty query', () => {
    expect(ids('  ')).toEqual(all.map((c) => c.id));
  });
  it('matches case-insensitively, every word, across label, group and keywords', () => {
    expect(ids('TOPICS')).toEqual(['topics-first', 'go-topics']);
    expect(ids('go consumer')).toEqual(['go-groups']);
    expect(ids('lag')).toEqual(['go-groups']);
    expect(ids('dark')).toEqual(['theme']);
    expect(ids('preferences')).toEqual(['theme']);
  });
  it('ranks label prefix, then word start, then substring', () => {
    expect(ids('go to')).toEqual(['go-overview', 'go-topics', 'go-groups']);
    expect(ids('the')).toEqual(['theme']);
    expect(filterCommands([cmd('a', 'Reset offsets'), cmd('b', 'Offsets view')], 'offs').map((c) => c.id)).toEqual(['b', 'a']);
  });
  it('returns nothing when no command matches', () => {
    expect(ids('zzz')).toEqual([]);
  });
});
