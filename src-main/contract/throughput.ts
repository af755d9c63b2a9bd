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
  /** Topics whose rate is above zero (a quiet topic is left out, so 10,000 idle topics cost nothing), by rate desc. */
  topics: { topic: string; messagesPerSec: number }[];
  /** Every broker that leads a partition, quiet ones at 0, by node id. */
  brokers: { nodeId: number; messagesPerSec: number }[];
  /** Set when the round failed (cluster unreachable): what happened. */
  error?: string;
}

const clusterId = z.string().min(1).max(200);

export const throughputContract = {
  'throughput.history': method<ThroughputSample[]>()(z.object({ clusterId }).strict(),
    'Messages/s per topic and per broker sampled since the core started (the last 10 minutes).'),
  'throughput.sample': event<ThroughputSample>()(z.object({ clusterId }).strict(),
    'A throughput sample of the cluster (messages/s per topic and per broker), every 5 s.'),
} as const;
