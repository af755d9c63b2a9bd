/**
 * Applies the cluster's metadata to one node's topics (TopicManager's cluster mode). For every topic in the
 * metadata the node keeps a Topic (name, id, partition count, replication factor, config overrides); it
 * opens a log only for the partitions whose replicas include it, deletes a log when its topic is deleted or
 * re-created with a new id, or when the node stops being a replica, and tells listeners the PartitionState
 * of every partition it holds whenever that changes (replication and the group coordinator listen).
 * At start it also cleans up after downtime: a log whose topic this node knew (its replica catalog) but
 * the metadata no longer has, or has under another id, is deleted; a log of a topic it never knew is left
 * on disk untouched, with a warning (data from before cluster mode is never deleted on a guess).
 * Images are never changed once published, so an unchanged topic or partition is the same object in the
 * old and new view: a change costs O(topics) identity checks plus the work on what changed.
 */
import type { LogManager } from '../../storage/index.js';
import { TOPIC_CONFIG_RESOURCE, topicConfigsIn, type ClusterLink, type ClusterPartitionView, type ClusterTopicView, type MetadataView } from '../cluster-link.js';
import type { PartitionState } from '../replication/partition-state.js';
import type { Partition } from './partition.js';
import type { Topic } from './topic-manager.js';
import type { TopicRecord } from './topic-store.js';
import { isInternalTopic } from './topic-names.js';

export type PartitionStateListener = (state: PartitionState | null, topic: string, partition: number) => void;

export interface SyncHost {
  nodeId: number;
  topics: Map<string, Topic>;
  logs: LogManager;
  openPartition(topic: Topic, index: number): Partition;
  applyConfigs(topic: Topic): void;
  persist(): void;
  warn(message: string): void;
}

export function toPartitionState(topic: string, p: ClusterPartitionView): PartitionState {
  return {
    topic, topicId: p.topicId, partition: p.partitionId, leader: p.leader, leaderEpoch: p.leaderEpoch,
    partitionEpoch: p.partitionEpoch, replicas: p.replicas, isr: p.isr, addingReplicas: p.addingReplicas,
    removingReplicas: p.removingReplicas,
  };
}

export class ClusterSync {
  private readonly listeners = new Set<PartitionStateListener>();
  private readonly unsubscribe: () => void;
  private view: MetadataView;

  constructor(private readonly link: ClusterLink, private readonly host: SyncHost, known: readonly TopicRecord[]) {
    this.view = link.metadata();
    this.cleanUpAfterDowntime(this.view, known);
    if (this.apply(this.view, null) || known.length === 0) host.persist();
    this.unsubscribe = link.onMetadata((next, prev) => {
      this.view = next;
      if (this.apply(next, prev)) host.persist();
    });
  }

  stateOf(topic: string, index: number): PartitionState | undefined {
    const id = this.view.topicIdsByName.get(topic);
    const p = id === undefined ? undefined : this.view.topicsById.get(id)?.partitions.get(index);
    return p === undefined ? undefined : toPartitionState(topic, p);
  }

  onPartitionState(cb: PartitionStateListener): () => void {
    this.listeners.add(cb);
    for (const t of this.host.topics.values()) {
      for (const p of t.partitions) {
        if (p === undefined) continue;
        const s = this.stateOf(t.record.name, p.index);
        if (s !== undefined) cb(s, t.record.name, p.index);
      }
    }
    return () => this.listeners.delete(cb);
  }

  close(): void {
    this.unsubscribe();
    this.listeners.clear();
  }

  private cleanUpAfterDowntime(view: MetadataView, known: readonly TopicRecord[]): void {
    const knownIds = new Map(known.map((t) => [t.name, t.id]));
    const warned = new Set<string>();
    for (const tp of this.host.logs.partitions()) {
      const id = view.topicIdsByName.get(tp.topic);
      const t = id === undefined ? undefined : view.topicsById.get(id);
      const knownId = knownIds.get(tp.topic);
      if (t !== undefined && (knownId === undefined || knownId === t.id)) {
        // A replica moved away while this node was down: its copy is stale.
        const p = t.partitions.get(tp.partition);
        if (knownId !== undefined && (p === undefined || !p.replicas.includes(this.host.nodeId))) this.host.logs.delete(tp.topic, tp.partition);
        continue;
      }
      if (knownId !== undefined) {
        this.host.logs.delete(tp.topic, tp.partition); // deleted, or re-created under another id, while down
      } else if (!warned.has(tp.topic)) {
        warned.add(tp.topic);
        this.host.warn(`${tp.topic}: partition logs of a topic the cluster does not know are left on disk, unused`);
      }
    }
  }

  /** Brings the node's topics in line with `next`; true when the replica catalog changed. */
  private apply(next: MetadataView, prev: MetadataView | null): boolean {
    let changed = false;
    const seen = new Set<string>();
    for (const t of next.topicsById.values()) {
      seen.add(t.name);
      const local = this.host.topics.get(t.name);
      const cfgKey = `${TOPIC_CONFIG_RESOURCE}:${t.name}`;
      const same = local !== undefined && local.record.id === t.id && prev !== null
        && prev.topicsById.get(t.id) === t && prev.configs.get(cfgKey) === next.configs.get(cfgKey);
      if (same) continue;
      if (local !== undefined && local.record.id !== t.id) this.drop(local);
      this.applyTopic(t, next, prev?.topicsById.get(t.id));
      changed = true;
    }
    for (const local of [...this.host.topics.values()]) {
      if (seen.has(local.record.name)) continue;
      this.drop(local);
      changed = true;
    }
    return changed;
  }

  private applyTopic(t: ClusterTopicView, next: MetadataView, prevTopic: ClusterTopicView | undefined): void {
    const configs = topicConfigsIn(next, t.name);
    const rf = t.partitions.get(0)?.replicas.length ?? 0;
    let topic = this.host.topics.get(t.name);
    if (topic === undefined) {
      topic = { record: { name: t.name, id: t.id, partitions: t.partitions.size, replicationFactor: rf, configs }, partitions: [], offline: new Map(), internal: isInternalTopic(t.name) };
      this.host.topics.set(t.name, topic);
    } else {
      const cfgChanged = JSON.stringify(topic.record.configs) !== JSON.stringify(configs);
      topic.record.configs = configs;
      topic.record.partitions = t.partitions.size;
      topic.record.replicationFactor = rf;
      if (cfgChanged) this.host.applyConfigs(topic);
    }
    while (topic.partitions.length < t.partitions.size) topic.partitions.push(undefined);
    for (const [i, p] of t.partitions) {
      const hosted = p.replicas.includes(this.host.nodeId);
      let have = topic.partitions[i];
      if (!hosted) {
        if (have !== undefined) {
          this.emit(null, t.name, i); // replication stops using the log before it goes
          topic.partitions[i] = undefined;
          topic.offline.delete(i);
          this.host.logs.delete(t.name, i);
          have.notify();
        }
        continue;
      }
      const fresh = have === undefined;
      have ??= this.host.openPartition(topic, i);
      // Once replication gives the partition a role, it owns the leader epoch (it compares old and new).
      if (have.role === null) have.leaderEpoch = p.leaderEpoch;
      if (fresh || prevTopic?.partitions.get(i) !== p) this.emit(toPartitionState(t.name, p), t.name, i);
    }
  }

  private drop(topic: Topic): void {
    for (const p of topic.partitions) if (p !== undefined) this.emit(null, topic.record.name, p.index);
    this.host.topics.delete(topic.record.name);
    for (const p of topic.partitions) {
      if (p === undefined) continue;
      this.host.logs.delete(topic.record.name, p.index);
      p.notify(); // a fetch waiting on it answers now
    }
  }

  private emit(state: PartitionState | null, topic: string, partition: number): void {
    for (const cb of [...this.listeners]) {
      try {
        cb(state, topic, partition);
      } catch (err) {
        this.host.warn(`${topic}-${partition}: a partition-state listener failed: ${(err as Error).message}`);
      }
    }
  }
}
