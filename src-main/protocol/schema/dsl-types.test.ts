/**
 * Value types inferred from nested definitions. The type assertions are checked by `tsc --noEmit`
 * (expectTypeOf is a no-op at run time), so a DSL change that widens nested structs or arrays
 * fails the typecheck; the run-time check covers what field() stores.
 */
import { describe, expect, expectTypeOf, it } from 'vitest';
import { field, type ResponseOf } from './dsl.js';
import describeLogDirs from './35-describe-log-dirs.js';
import consumerGroupDescribe from './69-consumer-group-describe.js';

describe('field()', () => {
  it('stores name, type, versions and options unchanged', () => {
    expect(field('groupInstanceId', 'string', '3+', { nullableVersions: '3+', default: null })).toEqual({
      name: 'groupInstanceId', type: 'string', versions: '3+', nullableVersions: '3+', default: null,
    });
    expect(field('errorCode', 'int16', '0+')).toEqual({ name: 'errorCode', type: 'int16', versions: '0+' });
  });
});

describe('inferred value types', () => {
  it('keeps nested structs exact, with int64 as bigint', () => {
    type Partition = ResponseOf<typeof describeLogDirs>['results'][number]['topics'][number]['partitions'][number];
    expectTypeOf<Partition>().toEqualTypeOf<{
      partitionIndex: number; partitionSize: bigint; offsetLag: bigint; isFutureKey: boolean;
    }>();
    expectTypeOf<ResponseOf<typeof describeLogDirs>['results'][number]['totalBytes']>()
      .toEqualTypeOf<bigint | undefined>();
  });

  it('types a struct shared by two fields the same in both places', () => {
    type Member = ResponseOf<typeof consumerGroupDescribe>['groups'][number]['members'][number];
    expectTypeOf<Member['assignment']>().toEqualTypeOf<Member['targetAssignment']>();
    expectTypeOf<Member['assignment']['topicPartitions'][number]>().toEqualTypeOf<{
      topicId: string; topicName: string; partitions: number[];
    }>();
  });
});
