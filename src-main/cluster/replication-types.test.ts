// The replication readout crosses from broker/replication (which may not import cluster/) to the cluster's
// control surface: the two declarations must stay the same shape. Checked by the typechecker (expectTypeOf)
// and, at run time, by passing a real readout through the control type.
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { PartitionReplication as ControlReadout, ReplicaStatus as ControlReplica } from './control.js';
import type { PartitionReplication as BrokerReadout, ReplicaStatus as BrokerReplica } from '../broker/replication/index.js';

describe('replication readout types', () => {
  it('broker/replication and cluster/control declare the same shapes', () => {
    expectTypeOf<BrokerReadout>().toEqualTypeOf<ControlReadout>();
    expectTypeOf<BrokerReplica>().toEqualTypeOf<ControlReplica>();
    const readout: BrokerReadout = {
      topic: 't', partition: 0, leader: 1, leaderEpoch: 2, highWatermark: 5n, epochHistory: [{ epoch: 2, startOffset: 3n }],
      replicas: [{ nodeId: 1, logEndOffset: 5n, lag: 0n, lastCaughtUpTimeMs: 1, inIsr: true, outOfSyncReason: null }],
    };
    const asControl: ControlReadout = readout;
    expect(structuredClone(asControl)).toEqual(readout); // plain data: crosses a worker boundary intact
  });
});
