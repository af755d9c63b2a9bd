import { AssignerProtocol } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { TidepoolError } from '../common/index.js';
import { groupError } from './kafkajs-backend.js';
import { decodeAssignment } from './kafkajs-groups.js';
import type { ConnectionProfile } from './profile.js';

const profile = { id: 'c1', kind: 'external', name: 'prod', bootstrap: ['k:9092'] } as unknown as ConnectionProfile;
const kafkaErr = (type: string, message = type) => Object.assign(new Error(message), { type });

describe('kafkajs group helpers', () => {
  it('decodes a consumer-protocol assignment, sorted by topic and partition', () => {
    const raw = AssignerProtocol.MemberAssignment.encode({ version: 0, assignment: { b: [2, 0], a: [1] }, userData: Buffer.alloc(0) });
    expect(decodeAssignment('consumer', raw)).toEqual([{ topic: 'a', partitions: [1] }, { topic: 'b', partitions: [0, 2] }]);
  });

  it('gives no assignment for other protocol types, empty bytes and garbage (never throws)', () => {
    const raw = AssignerProtocol.MemberAssignment.encode({ version: 0, assignment: { a: [1] }, userData: Buffer.alloc(0) });
    expect(decodeAssignment('connect', raw)).toEqual([]);
    expect(decodeAssignment('consumer', Buffer.alloc(0))).toEqual([]);
    expect(decodeAssignment('consumer', null)).toEqual([]);
    expect(decodeAssignment('consumer', Buffer.from([0, 0, 0, 0, 0, 9, 0xff]))).toEqual([]);
  });

  it('turns kafkajs failures into readable typed errors', () => {
    expect(groupError(profile, 'describe group "g"', kafkaErr('GROUP_ID_NOT_FOUND'))).toMatchObject({ code: 'TP_NOT_FOUND', message: /describe group "g": the group does not exist/ });
    expect(groupError(profile, 'delete group "g"', Object.assign(new Error('Error in DeleteGroups'), { errors: [{ error: { type: 'NON_EMPTY_GROUP' } }] })))
      .toMatchObject({ code: 'TP_CONFLICT', details: { reason: 'active-members' } });
    expect(groupError(profile, 'commit offsets', new Error('The consumer group must have no running instances, current state: Stable')))
      .toMatchObject({ code: 'TP_CONFLICT', message: /Stop its consumers first/ });
    expect(groupError(profile, 'list consumer groups', kafkaErr('COORDINATOR_NOT_AVAILABLE', 'The coordinator is not available')))
      .toMatchObject({ code: 'TP_KAFKA', message: /COORDINATOR_NOT_AVAILABLE \(The coordinator is not available\)/, details: { kafkaCode: 'COORDINATOR_NOT_AVAILABLE' } });
    expect(groupError(profile, 'list consumer groups', new Error('Connection error: ECONNREFUSED')))
      .toMatchObject({ code: 'TP_UNAVAILABLE', message: /Cannot connect to "prod".*ECONNREFUSED.*Test connection/ });
    const own = new TidepoolError('TP_NOT_FOUND', 'No consumer group "x" on this cluster.');
    expect(groupError(profile, 'x', own)).toBe(own);
  });
});
