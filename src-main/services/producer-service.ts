/**
 * Implements `producer.*`: builds record bytes (payload.ts), picks the partition ("auto" = the Java client's
 * murmur2 for keyed records, round-robin per topic for keyless ones), sends through the cluster's
 * KafkaBackend, and runs bulk produces as cancellable jobs whose progress is pushed to subscribers.
 */
import { randomUUID } from 'node:crypto';
import { TidepoolError } from '../common/index.js';
import { partitionForKey, type KafkaBackend, type OutgoingRecord } from '../clients/index.js';
import type { BulkProgress, ProduceResult } from '../contract/index.js';
import type { ClusterRegistry } from './cluster-registry.js';
import type { EventHandlers, MethodHandlers } from './handlers.js';
import { encodePayload, renderTemplate } from './payload.js';

type SendInput = Parameters<MethodHandlers['producer.send']>[0];
type BulkInput = Parameters<MethodHandlers['producer.bulkStart']>[0];
type Partitioner = ProduceResult['partitioner'];

/** Chooses partitions for one topic: explicit, murmur2 of the key, or round-robin for keyless records. */
export class PartitionChooser {
  private next = 0;
  constructor(readonly topic: string, readonly partitions: number, private readonly explicit: number | 'auto') {
    if (explicit !== 'auto' && explicit >= partitions) {
      throw new TidepoolError('TP_VALIDATION',
        `Topic "${topic}" has ${partitions} partition${partitions === 1 ? '' : 's'} (0-${partitions - 1}); partition ${explicit} does not exist. Pick one of them or "auto".`,
        { field: 'partition', topic, partitions });
    }
  }

  choose(key: Uint8Array | null): { partition: number; by: Partitioner } {
    if (this.explicit !== 'auto') return { partition: this.explicit, by: 'explicit' };
    if (key !== null) return { partition: partitionForKey(key, this.partitions), by: 'murmur2' };
    const p = this.next % this.partitions;
    this.next = (this.next + 1) % this.partitions;
    return { partition: p, by: 'round-robin' };
  }
}

async function partitionCount(b: KafkaBackend, topic: string): Promise<number> {
  const [t] = await b.listTopics([topic]);
  if (t === undefined || t.partitions.length === 0) {
    throw new TidepoolError('TP_NOT_FOUND', `Topic "${topic}" does not exist on this cluster. Create it first.`, { topic });
  }
  return t.partitions.length;
}

function headersOf(input: { headers: { key: string; value: string }[] }): OutgoingRecord['headers'] {
  const enc = new TextEncoder();
  return input.headers.map((h) => ({ key: h.key, value: enc.encode(h.value) }));
}

export async function sendOne(b: KafkaBackend, input: SendInput, chooser?: PartitionChooser): Promise<ProduceResult> {
  const key = input.key === null ? null : encodePayload(input.key, input.keyEncoding, 'key');
  const value = input.value === null ? null : encodePayload(input.value, input.valueEncoding, 'value');
  const c = chooser ?? new PartitionChooser(input.topic, await partitionCount(b, input.topic), input.partition);
  const { partition, by } = c.choose(key);
  const [r] = await b.produce(input.topic, [{ key, value, headers: headersOf(input), partition }], { acks: input.acks, compression: input.compression });
  return { topic: input.topic, partition, offset: r?.offset ?? null, partitioner: by, acks: input.acks, compression: input.compression };
}

interface Job {
  progress: BulkProgress;
  cancelled: boolean;
  listeners: Set<(p: BulkProgress) => void>;
}

const snapshot = (p: BulkProgress): BulkProgress => ({ ...p, perPartition: { ...p.perPartition } });

/** Bulk produce jobs: run in the background, one request at a time, cancellable between requests. */
export class BulkJobs {
  private readonly jobs = new Map<string, Job>();
  /** Finished jobs are kept a while so a late subscriber still sees the outcome. */
  private static readonly KEEP_MS = 5 * 60_000;

  start(b: KafkaBackend, input: BulkInput, partitions: number): { jobId: string; total: number } {
    const chooser = new PartitionChooser(input.topic, partitions, input.partition);
    const now = Date.now();
    // Checked before starting, so a broken template is refused rather than failing as a job.
    if (input.keyTemplate !== null) encodePayload(renderTemplate(input.keyTemplate, 0, now), input.keyEncoding, 'key template');
    encodePayload(renderTemplate(input.valueTemplate, 0, now), input.valueEncoding, 'value template');
    const jobId = randomUUID();
    const job: Job = {
      cancelled: false, listeners: new Set(),
      progress: { jobId, topic: input.topic, total: input.count, sent: 0, state: 'running', elapsedMs: 0, firstOffset: null, lastOffset: null, perPartition: {} },
    };
    this.jobs.set(jobId, job);
    void this.run(b, input, chooser, job);
    return { jobId, total: input.count };
  }

  private emit(job: Job): void {
    const p = snapshot(job.progress);
    for (const l of job.listeners) l(p);
  }

  private async run(b: KafkaBackend, input: BulkInput, chooser: PartitionChooser, job: Job): Promise<void> {
    const t0 = performance.now();
    const headers = headersOf(input);
    const p = job.progress;
    try {
      for (let start = 0; start < input.count; start += input.batchSize) {
        if (job.cancelled) break;
        const now = Date.now();
        const records: OutgoingRecord[] = [];
        for (let i = start; i < Math.min(input.count, start + input.batchSize); i++) {
          const key = input.keyTemplate === null ? null : encodePayload(renderTemplate(input.keyTemplate, i, now), input.keyEncoding, 'key template');
          const value = encodePayload(renderTemplate(input.valueTemplate, i, now), input.valueEncoding, 'value template');
          records.push({ key, value, headers, partition: chooser.choose(key).partition });
        }
        const res = await b.produce(input.topic, records, { acks: input.acks, compression: input.compression });
        for (const r of res) {
          p.perPartition[r.partition] = (p.perPartition[r.partition] ?? 0) + 1;
          if (r.offset !== null) {
            if (p.firstOffset === null) p.firstOffset = r.offset;
            p.lastOffset = r.offset;
          }
        }
        p.sent += res.length;
        p.elapsedMs = Math.round(performance.now() - t0);
        if (p.sent < input.count && !job.cancelled) this.emit(job);
      }
      p.state = job.cancelled && p.sent < input.count ? 'cancelled' : 'done';
    } catch (err) {
      p.state = 'failed';
      p.error = `${TidepoolError.from(err).message} (${p.sent} of ${p.total} records were sent before the failure.)`;
    }
    p.elapsedMs = Math.round(performance.now() - t0);
    this.emit(job);
    setTimeout(() => this.jobs.delete(p.jobId), BulkJobs.KEEP_MS).unref?.();
  }

  cancel(jobId: string): boolean {
    const job = this.jobs.get(jobId);
    if (job === undefined || job.progress.state !== 'running' || job.cancelled) return false;
    job.cancelled = true;
    return true;
  }

  /** Emits the current state at once, then every update; an unknown job answers TP_NOT_FOUND. */
  subscribe(jobId: string, emit: (p: BulkProgress) => void): () => void {
    const job = this.jobs.get(jobId);
    if (job === undefined) throw new TidepoolError('TP_NOT_FOUND', `No bulk produce job "${jobId}" (it ended more than 5 minutes ago, or never started).`, { jobId });
    job.listeners.add(emit);
    emit(snapshot(job.progress));
    return () => { job.listeners.delete(emit); };
  }
}

type ProducerHandlers = Pick<MethodHandlers, 'producer.send' | 'producer.bulkStart' | 'producer.bulkCancel'> & Pick<EventHandlers, 'producer.bulkProgress'>;

export function createProducerService(registry: ClusterRegistry, jobs = new BulkJobs()): ProducerHandlers {
  const backend = async (id: string) => { await registry.init(); return registry.backend(id); };
  // Round-robin state survives between single sends, so keyless records spread like a producer's would.
  const choosers = new Map<string, PartitionChooser>();
  return {
    'producer.send': async (input) => {
      const b = await backend(input.clusterId);
      const count = await partitionCount(b, input.topic);
      const k = `${input.clusterId}\u0000${input.topic}`;
      let c = choosers.get(k);
      if (input.partition !== 'auto') c = new PartitionChooser(input.topic, count, input.partition);
      else if (c === undefined || c.partitions !== count) { c = new PartitionChooser(input.topic, count, 'auto'); choosers.set(k, c); }
      return sendOne(b, input, c);
    },
    'producer.bulkStart': async (input) => {
      const b = await backend(input.clusterId);
      return jobs.start(b, input, await partitionCount(b, input.topic));
    },
    'producer.bulkCancel': ({ jobId }) => ({ cancelled: jobs.cancel(jobId) }),
    'producer.bulkProgress': ({ jobId }, emit) => jobs.subscribe(jobId, emit),
  };
}
