/**
 * Samples the throughput (messages/s) of every connected cluster every 5 s from app start, so the Overview's
 * sparklines have history when it opens. A round is three cheap reads whatever the topic count: the brokers
 * (Metadata without topics), the leaders (one Metadata) and the high watermarks of every partition (one
 * ListOffsets per leader, KafkaBackend.endOffsets); no per-topic call. 5 s keeps that load negligible even at
 * 10,000 topics while a sparkline still shows a burst within seconds; 120 samples are the last 10 minutes.
 *
 * Rates are the high-watermark growth between two rounds over the seconds between them. A partition's growth
 * counts for its current leader. A shrinking watermark (topic recreated, truncation) counts 0, and so does a
 * partition the previous round did not see (new, or offline then), as its earlier offsets are unknown.
 * A sample keeps the 100 busiest topics (and how many had traffic). The first round has no rate. A failing round yields a sample with the error and the sampler goes on.
 */
import { TOPICS_PER_SAMPLE, type ThroughputSample } from '../contract/index.js';
import type { KafkaBackend, PartitionEnd, TopicInfo } from '../clients/index.js';
import type { ClusterRegistry } from './cluster-registry.js';
import { ClusterSampler } from './cluster-sampler.js';

export interface ThroughputSamplerOptions {
  intervalMs?: number;
  /** Samples kept per cluster (default 120: 10 minutes at 5 s). */
  capacity?: number;
  /** The clock (tests). */
  now?: () => number;
}

/** One round's reading of a cluster: what the rates are computed from. */
export interface ThroughputReading {
  time: number;
  brokers: number[];
  topics: TopicInfo[];
  ends: PartitionEnd[];
}

/** The previous round's high watermarks of one cluster, by "topic\0partition". */
interface Previous { time: number; highs: Map<string, bigint> }

const key = (topic: string, partition: number) => `${topic}\u0000${partition}`;

export async function readThroughput(b: KafkaBackend, now: () => number): Promise<ThroughputReading> {
  const [info, topics] = await Promise.all([b.describeCluster(), b.listTopics()]);
  const ends = topics.length === 0 ? [] : await b.endOffsets(topics.map((t) => t.name));
  return { time: now(), brokers: info.brokers.map((x) => x.nodeId), topics, ends };
}

/** The sample for `r` given the previous round (none: no rates), and the state the next round needs. */
export function rates(clusterId: string, prev: Previous | undefined, r: ThroughputReading): { sample: ThroughputSample; next: Previous } {
  const highs = new Map(r.ends.map((e) => [key(e.topic, e.partition), e.high]));
  const next = { time: r.time, highs };
  const brokerIds = new Set(r.brokers);
  for (const t of r.topics) for (const p of t.partitions) if (p.leader >= 0) brokerIds.add(p.leader);
  const brokerRate = new Map([...brokerIds].map((id) => [id, 0]));
  if (prev === undefined || r.time <= prev.time) {
    const brokers = [...brokerRate.keys()].sort((a, b) => a - b).map((nodeId) => ({ nodeId, messagesPerSec: 0 }));
    return { sample: { clusterId, time: r.time, intervalSec: null, topics: [], activeTopics: 0, brokers }, next };
  }
  const sec = (r.time - prev.time) / 1000;
  const topicRate = new Map<string, number>();
  for (const t of r.topics) {
    let total = 0n;
    for (const p of t.partitions) {
      const now = highs.get(key(t.name, p.partition));
      const before = prev.highs.get(key(t.name, p.partition));
      if (now === undefined || before === undefined || now <= before) continue;
      total += now - before;
      if (p.leader >= 0) brokerRate.set(p.leader, (brokerRate.get(p.leader) ?? 0) + Number(now - before) / sec);
    }
    if (total > 0n) topicRate.set(t.name, Number(total) / sec);
  }
  return {
    sample: {
      clusterId, time: r.time, intervalSec: sec,
      topics: [...topicRate].map(([topic, messagesPerSec]) => ({ topic, messagesPerSec }))
        .sort((a, b) => b.messagesPerSec - a.messagesPerSec || (a.topic < b.topic ? -1 : 1)).slice(0, TOPICS_PER_SAMPLE),
      activeTopics: topicRate.size,
      brokers: [...brokerRate].map(([nodeId, messagesPerSec]) => ({ nodeId, messagesPerSec })).sort((a, b) => a.nodeId - b.nodeId),
    },
    next,
  };
}

export class ThroughputSampler extends ClusterSampler<ThroughputSample> {
  private readonly previous = new Map<string, Previous>();
  private readonly now: () => number;

  constructor(private readonly registry: ClusterRegistry, opts: ThroughputSamplerOptions = {}) {
    super(opts.intervalMs ?? 5000, opts.capacity ?? 120);
    this.now = opts.now ?? Date.now;
  }

  protected async round(): Promise<void> {
    for (const c of this.registry.list()) {
      if (c.status !== 'connected') {
        // A reconnect may reach a different cluster under the same id: its first round starts afresh.
        this.previous.delete(c.id);
        continue;
      }
      let sample: ThroughputSample;
      try {
        const reading = await readThroughput(await this.registry.backend(c.id), this.now);
        const r = rates(c.id, this.previous.get(c.id), reading);
        this.previous.set(c.id, r.next);
        sample = r.sample;
      } catch (err) {
        sample = { clusterId: c.id, time: this.now(), intervalSec: null, topics: [], activeTopics: 0, brokers: [], error: (err as Error).message };
      }
      this.record(sample);
    }
  }
}
