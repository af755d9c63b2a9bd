import { describe, expect, it } from 'vitest';
import { coreError, toCoreError } from './core-error.js';

describe('toCoreError', () => {
  it('keeps the code, message and details of a core error', () => {
    const err = Object.assign(new Error('bad echo'), { code: 'TP_VALIDATION', details: { issues: [] } });
    expect(toCoreError(err)).toEqual({ code: 'TP_VALIDATION', message: 'bad echo', details: { issues: [] } });
    expect(toCoreError(coreError('TP_TIMEOUT', 'slow'))).toEqual({ code: 'TP_TIMEOUT', message: 'slow' });
  });
  it('reports anything else as TP_INTERNAL with its message', () => {
    expect(toCoreError(new TypeError('x is undefined'))).toEqual({ code: 'TP_INTERNAL', message: 'x is undefined' });
    expect(toCoreError(Object.assign(new Error('enoent'), { code: 'ENOENT' }))).toEqual({ code: 'TP_INTERNAL', message: 'enoent' });
    expect(toCoreError('plain string')).toEqual({ code: 'TP_INTERNAL', message: 'plain string' });
    expect(toCoreError(null)).toEqual({ code: 'TP_INTERNAL', message: 'null' });
  });
});
