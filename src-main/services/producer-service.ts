/**
 * Implements `producer.*`: builds record bytes (payload.ts), picks the partition (partition-chooser.ts: "auto" =
 * the Java client's murmur2 for keyed records, sticky per send or per bulk batch for keyless ones), sends
 * through the cluster's KafkaBackend, and runs bulk produces as cancellable jobs whose progress is pushed to subscribers.
 */
import { randomUUID } from 'node:crypto';
import { TidepoolError } from '../common/index.js';
import type { KafkaBackend, OutgoingRecord, PartitionInfo } from '../clients/index.js';
import type { BulkProgress, ProduceResult } from '../contract/index.js';
import type { ClusterRegistry } from './cluster-registry.js';
import type { EventHandlers, MethodHandlers } from './handlers.js';
import { encodePayload, renderTemplate } from './payload.js';
import { PartitionChooser } from './partition-chooser.js';

type SendInput = Parameters<MethodHandlers['producer.send']>[0];
type BulkInput = Parameters<MethodHandlers['producer.bulkStart']>[0];

/** The topic's partitions with their leaders (-1 = offline); TP_NOT_FOUND for an unknown topic. */
async function topicPartitions(b: KafkaBackend, topic: string): Promise<PartitionInfo[]> {
  const [t] = await b.listTopics([topic]);
  if (t === undefined || t.partitions.length === 0) {
    throw new TidepoolError('TP_NOT_FOUND', `Topic "${topic}" does not exist on this cluster. Create it first.`, { topic });
  }
  return t.partitions;
}

function headersOf(input: { headers: { key: string; value: string }[] }): OutgoingRecord['headers'] {
  const enc = new TextEncoder();
  return input.headers.map((h) => ({ key: h.key, value: enc.encode(h.value) }));
}

export async function sendOne(b: KafkaBackend, input: SendInput, chooser?: PartitionChooser): Promise<ProduceResult> {
  const key = input.key === null ? null : encodePayload(input.key, input.keyEncoding, 'key');
  const value = input.value === null ? null : encodePayload(input.value, input.valueEncoding, 'value');
  // A fresh chooser per send: one send is one batch, so a keyless record goes to a random available partition.
  const c = chooser ?? new PartitionChooser(input.topic, await topicPartitions(b, input.topic), input.partition);
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

  start(b: KafkaBackend, input: BulkInput, partitions: PartitionInfo[]): { jobId: string; total: number } {
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
        chooser.newBatch(); // sticky: this request's keyless records share one partition, the next one picks again
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
  return {
    'producer.send': async (input) => {
      const b = await backend(input.clusterId);
      return sendOne(b, input);
    },
    'producer.bulkStart': async (input) => {
      const b = await backend(input.clusterId);
      return jobs.start(b, input, await topicPartitions(b, input.topic));
    },
    'producer.bulkCancel': ({ jobId }) => ({ cancelled: jobs.cancel(jobId) }),
    'producer.bulkProgress': ({ jobId }, emit) => jobs.subscribe(jobId, emit),
  };
}
