import { describe, expect, it } from 'vitest';
import { coreError } from '../../lib/core-error.js';
import { describeFailure } from './action-errors.js';
import { parseDelay } from './dialogs.js';

describe('describeFailure', () => {
  it('says what failed with the core\'s message and code, and what to do next by error kind', () => {
    expect(describeFailure('kill', 2, coreError('TP_CONFLICT', 'Cannot kill broker 2: it is stopped.'))).toEqual({
      what: 'Killing broker 2 failed: Cannot kill broker 2: it is stopped. (TP_CONFLICT)',
      next: 'Reload the status to see the broker\'s current state, then pick an action that fits it.',
    });
    expect(describeFailure('slow', 1, coreError('TP_VALIDATION', 'fetchDelayMs: too big')).next).toBe('Correct the value and try again.');
    expect(describeFailure('heal', 9, coreError('TP_NOT_FOUND', 'No broker 9.')).next).toContain('Reload the status');
    expect(describeFailure('cluster-start', null, coreError('TP_CONFLICT', 'The local cluster is running.')).next).toBe('Stop the running cluster first, or reload the status.');
    expect(describeFailure('cluster-start', null, coreError('TP_UNAVAILABLE', 'EADDRINUSE 127.0.0.1:9092')).next).toContain('ports and data folder');
    expect(describeFailure('restart', 3, coreError('TP_TIMEOUT', 'no answer')).next).toContain('settling');
    expect(describeFailure('pause', 3, new Error('socket hang up') as never).next).toContain('Check the timeline');
  });

  it('adds no second hint when the core\'s message already gives the fix', () => {
    const f = describeFailure('kill', 1, coreError('TP_CONFLICT', 'Cannot kill the only broker of a one-broker cluster; stop the whole cluster instead.'));
    expect(f.next).toBeNull();
    expect(describeFailure('cluster-start', null, coreError('TP_UNAVAILABLE', '3 brokers need replication; run with --brokers 1 for now')).next).toBeNull();
  });
});

describe('parseDelay', () => {
  it('accepts whole milliseconds from 1 to 60000 and explains anything else', () => {
    expect(parseDelay(' 2500 ')).toEqual({ value: 2500 });
    expect(parseDelay('60000')).toEqual({ value: 60000 });
    expect(parseDelay('1')).toEqual({ value: 1 });
    expect(parseDelay('0').error).toBe('Use 1 to 60000 ms.');
    expect(parseDelay('60001').error).toBe('Use 1 to 60000 ms.');
    for (const bad of ['', '-5', '1.5', '2e3', 'abc', '1234567']) expect(parseDelay(bad).error).toBeDefined();
  });
});
