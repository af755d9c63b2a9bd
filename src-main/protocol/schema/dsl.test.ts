// Type-level checks of definitions -> inferred value types (a wrong inference fails the typecheck).
import { describe, expect, it } from 'vitest';
import heartbeat from './12-heartbeat.js';
import { inVersions, parseVersions, type RequestOf, type ResponseOf } from './dsl.js';

describe('dsl', () => {
  it('infers required, optional and nullable fields', () => {
    const req: RequestOf<typeof heartbeat> = { groupId: 'g', generationId: 1, memberId: 'm', groupInstanceId: null };
    // @ts-expect-error groupId is required (present in every version)
    const missing: RequestOf<typeof heartbeat> = { generationId: 1, memberId: 'm' };
    const res: ResponseOf<typeof heartbeat> = { errorCode: 0 };
    expect([req.groupId, missing.memberId, res.throttleTimeMs]).toEqual(['g', 'm', undefined]);
  });

  it('parses Kafka version ranges', () => {
    expect(parseVersions('3+')).toEqual({ min: 3, max: Infinity });
    expect(parseVersions('0-7')).toEqual({ min: 0, max: 7 });
    expect(parseVersions('5')).toEqual({ min: 5, max: 5 });
    expect(parseVersions('none')).toBeNull();
    expect(() => parseVersions('3-')).toThrow(/bad version range/);
    expect(inVersions('1-4', 4)).toBe(true);
    expect(inVersions('1-4', 5)).toBe(false);
    expect(inVersions(undefined, 0)).toBe(false);
  });
});
