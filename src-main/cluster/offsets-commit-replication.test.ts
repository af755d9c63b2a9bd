// An offset commit is acknowledged only once the in-sync replicas of the group's __consumer_offsets partition
// hold it (Kafka writes coordinator records with acks=-1): otherwise a coordinator failover could lose an
// acknowledged commit and the group's committed offsets would move backwards (the Jepsen checker's rule).
import { describe, expect, it } from 'vitest';
import { KafkaError } from '../protocol/index.js';
import findCoordinatorApi from '../protocol/schema/10-find-coordinator.js';
import offsetCommitApi from '../protocol/schema/08-offset-commit.js';
import offsetFetchApi from '../protocol/schema/09-offset-fetch.js';
import { LocalCluster } from './index.js';
import { client, clusters, createTopic, FAST, fresh, quiet, until } from './test-cluster.js';

const commit = (k: Awaited<ReturnType<typeof client>>, offset: bigint) => k.send(offsetCommitApi, 8, {
  groupId: 'g', generationIdOrMemberEpoch: -1, memberId: '', groupInstanceId: null,
  topics: [{ name: 't', partitions: [{ partitionIndex: 0, committedOffset: offset, committedLeaderEpoch: -1, committedMetadata: null }] }],
}).then((r) => r.topics[0].partitions[0].errorCode);

const fetched = (k: Awaited<ReturnType<typeof client>>) => k.send(offsetFetchApi, 5, { groupId: 'g', topics: [{ name: 't', partitionIndexes: [0] }] })
  .then((r) => r.topics![0].partitions![0].committedOffset);

describe('offset commits in a replicated cluster', () => {
  it('are acknowledged only after the ISR has them; a commit the followers cannot reach fails retriably and is not applied', async () => {
    const config = new Map([...FAST, ['offsets.commit.timeout.ms', '400']]);
    const c = await LocalCluster.start({ dataDir: fresh(), brokers: 3, port: 0, logger: quiet, config });
    clusters.push(c);
    const k1 = await client(c, 1);
    await createTopic(k1, 't', 1, 1);
    const coordinator = (await k1.send(findCoordinatorApi, 3, { key: 'g', keyType: 0 })).nodeId!;
    const k = await client(c, coordinator);
    // The first commit also creates __consumer_offsets (RF 3 on 3 brokers); retried until its partition leads here.
    await until('a first commit', () => commit(k, 5n), (e) => e === 0, 20_000);
    expect(await fetched(k)).toBe(5n);

    // Both followers stop fetching but stay in the ISR (replica.lag.time.max.ms is 30 s): the commit cannot be
    // replicated within offsets.commit.timeout.ms, so it is refused with a retriable error and not applied.
    const followers = [1, 2, 3].filter((n) => n !== coordinator);
    for (const f of followers) c.slowBroker(f, 60_000);
    await new Promise((r) => setTimeout(r, 600)); // let fetches already in flight come back
    expect(await commit(k, 7n)).toBe(KafkaError.COORDINATOR_NOT_AVAILABLE.code);
    expect(await fetched(k)).toBe(5n);

    // Healed, the followers catch up and the same commit goes through.
    for (const f of followers) c.healBroker(f);
    await until('the commit after heal', () => commit(k, 7n), (e) => e === 0, 20_000);
    expect(await fetched(k)).toBe(7n);
  }, 60_000);
});
