/**
 * The `throughput.*` domain: messages per second per topic and per broker, sampled by the core from app start
 * for every connected cluster (`throughput.history` then the live `throughput.sample` event). A rate is the
 * growth of the high watermarks between two samples divided by the seconds between them; a partition counts
 * for the broker leading it at the later sample.
 */
import { z } from 'zod';
import { event, method } from './define.js';

/** One sampling round of one cluster. */
export interface ThroughputSample {
  clusterId: string;
  /** Epoch ms of the round. */
  time: number;
  /** Seconds since the previous successful round; null on the first one (or after a failure), which has no rates. */
  intervalSec: number | null;
  /**
   * The busiest topics, by rate desc: only those above zero (10,000 idle topics cost nothing) and at most
   * TOPICS_PER_SAMPLE of them, so 10 minutes of history stay small even when every topic is busy...
   */
  topics: { topic: string; messagesPerSec: number }[];
  /** ...of this many topics with a rate above zero. */
  activeTopics: number;
  /** Every broker that leads a partition, quiet ones at 0, by node id. */
  brokers: { nodeId: number; messagesPerSec: number }[];
  /** Set when the round failed (cluster unreachable): what happened. */
  error?: string;
}

/** Topics kept per sample (the Overview shows the top 10). */
export const TOPICS_PER_SAMPLE = 100;

const clusterId = z.string().min(1).max(200);

export const throughputContract = {
  'throughput.history': method<ThroughputSample[]>()(z.object({ clusterId }).strict(),
    'Messages/s per topic and per broker sampled since the core started (the last 10 minutes).'),
  'throughput.sample': event<ThroughputSample>()(z.object({ clusterId }).strict(),
    'A throughput sample of the cluster (messages/s per topic and per broker), every 5 s.'),
} as const;
