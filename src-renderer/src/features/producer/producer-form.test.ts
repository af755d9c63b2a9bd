import { describe, expect, it } from 'vitest';
import { EMPTY_FORM, jsonProblem, toBulkInput, toSendInput, type ProducerForm } from './producer-form.js';

const form = (o: Partial<ProducerForm>): ProducerForm => ({ ...EMPTY_FORM, topic: 'orders', ...o });

describe('producer form', () => {
  it('points at the line and column of broken JSON', () => {
    expect(jsonProblem('{"a": 1}')).toBeNull();
    expect(jsonProblem('{\n  "a": 1,\n  "b": }')).toBe('line 3, column 8: ValueExpected');
    expect(jsonProblem('{"a": 1} // note')).toMatch(/^line 1, column 10: InvalidCommentToken/);
    expect(jsonProblem('')).toMatch(/^line 1, column 1: ValueExpected/);
  });

  it('builds a send input: acks all = -1, partition auto or a number, empty header rows dropped, null key/value', () => {
    const r = toSendInput('local', form({ key: 'k1', value: '{"n": 1}', headers: [{ key: 'trace', value: 'x' }, { key: '', value: '' }], acks: 'all', compression: 'zstd' }), 3);
    expect(r).toEqual({ ok: true, input: {
      clusterId: 'local', topic: 'orders', key: 'k1', keyEncoding: 'string', value: '{"n": 1}', valueEncoding: 'json',
      headers: [{ key: 'trace', value: 'x' }], partition: 'auto', acks: -1, compression: 'zstd',
    } });
    const n = toSendInput('local', form({ keyNull: true, valueNull: true, partition: '2', acks: '0' }), 3);
    expect(n.ok && n.input).toMatchObject({ key: null, value: null, partition: 2, acks: 0 });
  });

  it('refuses invalid JSON, a partition out of range, a header without key and no topic', () => {
    expect(toSendInput('local', form({ value: '{"a":', valueEncoding: 'json' }), 3)).toMatchObject({ ok: false, errors: { value: /Not valid JSON/ } });
    expect(toSendInput('local', form({ partition: '3' }), 3)).toMatchObject({ ok: false, errors: { partition: 'The topic has partitions 0-2.' } });
    expect(toSendInput('local', form({ partition: 'x' }), 3)).toMatchObject({ ok: false, errors: { partition: /partition number/ } });
    expect(toSendInput('local', form({ headers: [{ key: ' ', value: 'v' }] }), 3)).toMatchObject({ ok: false, errors: { headers: /needs a key/ } });
    expect(toSendInput('local', form({ topic: '' }), null)).toMatchObject({ ok: false, errors: { topic: /Choose a topic/ } });
    // Text mode does not validate JSON.
    expect(toSendInput('local', form({ value: '{"a":', valueEncoding: 'string' }), 3).ok).toBe(true);
  });

  it('builds a bulk input with templates and checks the count', () => {
    const r = toBulkInput('local', form({ key: 'user-{{i}}', value: '{"i": {{i}}}' }), 3, '1000');
    expect(r.ok && r.input).toMatchObject({ count: 1000, keyTemplate: 'user-{{i}}', valueTemplate: '{"i": {{i}}}' });
    expect(toBulkInput('local', form({}), 3, '0')).toMatchObject({ ok: false, errors: { count: /Between 1/ } });
    expect(toBulkInput('local', form({ valueNull: true }), 3, '5')).toMatchObject({ ok: false, errors: { value: /needs a value/ } });
  });
});
