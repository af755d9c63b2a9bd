// resolveLogConfig: Kafka's defaults filled in, every field checked, every bad field named in one error.
import { describe, expect, it } from 'vitest';
import { StorageError } from './errors.js';
import { LOG_CONFIG_DEFAULTS, resolveLogConfig, type LogConfigInput } from './config.js';

function invalid(input: unknown): StorageError {
  try {
    resolveLogConfig(input as LogConfigInput);
  } catch (err) {
    expect(err).toBeInstanceOf(StorageError);
    expect((err as StorageError).code).toBe('TP_STORAGE_INVALID_CONFIG');
    return err as StorageError;
  }
  throw new Error(`expected ${JSON.stringify(input)} to be refused`);
}

describe('resolveLogConfig', () => {
  it("gives Kafka's defaults for an empty or missing config", () => {
    const expected = {
      segmentBytes: 1073741824, segmentMs: 604800000, indexIntervalBytes: 4096, retentionMs: 604800000, retentionBytes: -1,
      cleanupPolicy: ['delete'], deleteRetentionMs: 86400000, minCompactionLagMs: 0, minCleanableDirtyRatio: 0.5,
      flushMessages: -1, flushMs: -1, messageTimestampType: 'CreateTime',
    };
    expect(resolveLogConfig()).toEqual(expected);
    expect(resolveLogConfig({})).toEqual(expected);
    expect(LOG_CONFIG_DEFAULTS).toEqual(expected);
  });

  it('keeps given values, drops unknown fields, and never shares the defaults or the input array', () => {
    const policy: LogConfigInput['cleanupPolicy'] = ['compact', 'delete'];
    const cfg = resolveLogConfig({ segmentBytes: 75, retentionMs: -1, minCleanableDirtyRatio: 1, cleanupPolicy: policy, messageTimestampType: 'LogAppendTime', extra: 1 } as LogConfigInput);
    expect(cfg).toMatchObject({ segmentBytes: 75, retentionMs: -1, minCleanableDirtyRatio: 1, cleanupPolicy: ['compact', 'delete'], messageTimestampType: 'LogAppendTime' });
    expect(cfg).not.toHaveProperty('extra');
    expect(cfg.cleanupPolicy).not.toBe(policy);
    resolveLogConfig().cleanupPolicy.push('compact');
    expect(resolveLogConfig().cleanupPolicy).toEqual(['delete']);
  });

  it('refuses values out of range at each bound, naming the field and the value', () => {
    expect(invalid({ segmentBytes: 74 }).message).toBe('invalid log config: segmentBytes: must be at least 75, got 74');
    expect(invalid({ segmentBytes: 2 ** 31 }).message).toMatch(/segmentBytes: must be at most 2147483647, got 2147483648/);
    expect(invalid({ segmentMs: 0 }).message).toMatch(/segmentMs: must be at least 1/);
    expect(invalid({ retentionMs: -2 }).message).toMatch(/retentionMs: must be at least -1, got -2/);
    expect(invalid({ minCleanableDirtyRatio: 1.5 }).message).toMatch(/minCleanableDirtyRatio: must be at most 1/);
    expect(invalid({ minCleanableDirtyRatio: -0.1 }).message).toMatch(/minCleanableDirtyRatio: must be at least 0/);
    expect(invalid({ indexIntervalBytes: -1 }).message).toMatch(/indexIntervalBytes/);
    expect(invalid({ deleteRetentionMs: -1 }).message).toMatch(/deleteRetentionMs/);
    expect(invalid({ minCompactionLagMs: -1 }).message).toMatch(/minCompactionLagMs/);
    expect(invalid({ flushMessages: -5 }).message).toMatch(/flushMessages/);
    expect(invalid({ flushMs: -5 }).message).toMatch(/flushMs/);
  });

  it('refuses wrong types: fractions, NaN, strings, bad enum values, a non-list policy, a non-object', () => {
    expect(invalid({ segmentMs: 1.5 }).message).toMatch(/segmentMs: expected a whole number, got 1.5/);
    expect(invalid({ retentionBytes: Number.NaN }).message).toMatch(/retentionBytes: expected a number, got NaN/);
    expect(invalid({ retentionBytes: '100' }).message).toMatch(/retentionBytes: expected a number, got "100"/);
    expect(invalid({ cleanupPolicy: ['delete', 'shred'] }).message).toMatch(/cleanupPolicy\[1\]: expected one of "delete", "compact", got "shred"/);
    expect(invalid({ cleanupPolicy: 'delete' }).message).toMatch(/cleanupPolicy: expected a list, got "delete"/);
    expect(invalid({ messageTimestampType: 'NoTime' }).message).toMatch(/messageTimestampType: expected one of "CreateTime", "LogAppendTime"/);
    expect(invalid(null).message).toMatch(/expected an object, got null/);
  });

  it('names every bad field at once', () => {
    expect(invalid({ segmentBytes: 1, flushMs: -9 }).message).toBe(
      'invalid log config: segmentBytes: must be at least 75, got 1; flushMs: must be at least -1, got -9');
  });
});
