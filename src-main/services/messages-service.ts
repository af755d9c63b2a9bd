/**
 * Implements `messages.*`: browse (one call, sorted by timestamp), live tail (an event until unsubscribed) and
 * export (an event stream of records with progress; unsubscribing cancels it and closes its connections). Each
 * call opens its own group-less MessageReader and closes it when done, so a browser never creates consumer
 * groups on the user's cluster. Filters are compiled before anything is read.
 */
import { TidepoolError } from '../common/index.js';
import type { MessageReader } from '../clients/index.js';
import { packMessages, type BrowseResult, type MessageRecord } from '../contract/index.js';
import type { EventHandlers, MethodHandlers } from './handlers.js';
import type { ClusterRegistry } from './cluster-registry.js';
import { compileFilters } from './message-filter.js';
import { tailRounds } from './message-tail.js';
import { byTimestamp, planScan, scanRounds, type ParsedSeek, type ScanPosition } from './message-scan.js';

type MessagesHandlers = Pick<MethodHandlers, 'messages.browse'> & Pick<EventHandlers, 'messages.tail' | 'messages.export'>;

/** Records a browse reads at most (matched or not) before it stops and says so. */
export const BROWSE_SCAN_LIMIT = 2_000_000;
const BROWSE_WAIT_MS = 100;
const TAIL_WAIT_MS = 500;

const ranges = (ps: ScanPosition[]) => ps.map(({ partition, start, next, end }) => ({ partition, start, next, end }));

export function createMessagesService(
  registry: ClusterRegistry, opts: { browseScanLimit?: number; tailMetadataRefreshMs?: number } = {},
): MessagesHandlers {
  const scanLimit = opts.browseScanLimit ?? BROWSE_SCAN_LIMIT;
  const open = async (clusterId: string) => {
    await registry.init();
    const backend = await registry.backend(clusterId);
    return { backend, reader: registry.messageReader(clusterId) };
  };

  /** Runs `body` in the background for an event; the returned function cancels it and closes its reader. */
  const background = (
    emitError: (e: TidepoolError) => void,
    body: (signal: AbortSignal, keep: (r: MessageReader) => void) => Promise<void>,
  ) => {
    const ac = new AbortController();
    let reader: MessageReader | null = null;
    void body(ac.signal, (r) => { reader = r; if (ac.signal.aborted) void r.close(); })
      .catch((e: unknown) => { if (!ac.signal.aborted) emitError(TidepoolError.from(e)); })
      .finally(() => { void reader?.close(); });
    return () => { ac.abort(); void reader?.close(); };
  };

  return {
    'messages.browse': async ({ clusterId, topic, seek, partitions, maxResults, filters }) => {
      const filter = compileFilters(filters);
      const { backend, reader } = await open(clusterId);
      try {
        const newest = seek.mode === 'newest';
        const plan: ParsedSeek = newest ? { mode: 'newest', count: Math.min(seek.count, maxResults) } : seek;
        const positions = await planScan(backend, reader, topic, plan, partitions);
        const matched: MessageRecord[] = [];
        let scanned = 0;
        let stopped: BrowseResult['stopped'] = null;
        for await (const round of scanRounds(reader, topic, positions, { maxWaitMs: BROWSE_WAIT_MS })) {
          scanned += round.scanned;
          for (const r of round.records) if (filter === null || filter(r)) matched.push(r);
          if (!newest && matched.length >= maxResults) {
            if (matched.length > maxResults || positions.some((p) => p.next < p.end)) stopped = 'max-results';
            break;
          }
          if (scanned >= scanLimit && positions.some((p) => p.next < p.end)) { stopped = 'scan-limit'; break; }
        }
        matched.sort(byTimestamp);
        const messages = seek.mode === 'newest' ? matched.slice(-Math.min(seek.count, maxResults)) : matched.slice(0, maxResults);
        return { messages: packMessages(messages), scanned, partitions: ranges(positions), stopped };
      } finally {
        await reader.close();
      }
    },

    'messages.tail': ({ clusterId, topic, partitions, filters }, emit) => background(
      (error) => emit({ kind: 'error', error: error.toJSON() }),
      async (signal, keep) => {
        const filter = compileFilters(filters);
        const { backend, reader } = await open(clusterId);
        keep(reader);
        const positions = await planScan(backend, reader, topic, { mode: 'end' }, partitions);
        if (signal.aborted) return;
        emit({ kind: 'started', partitions: positions.map((p) => ({ partition: p.partition, offset: p.start })) });
        for await (const step of tailRounds(reader, topic, positions, { maxWaitMs: TAIL_WAIT_MS, signal, follow: partitions === undefined, refreshMs: opts.tailMetadataRefreshMs })) {
          if (signal.aborted) break;
          if (step.kind === 'added') { emit({ kind: 'partitions-added', partitions: step.partitions }); continue; }
          const messages = filter === null ? step.records : step.records.filter(filter);
          if (messages.length > 0) emit({ kind: 'messages', messages });
        }
      },
    ),

    'messages.export': ({ clusterId, topic, seek, partitions, maxResults, filters }, emit) => background(
      (error) => emit({ kind: 'error', error: error.toJSON() }),
      async (signal, keep) => {
        const filter = compileFilters(filters);
        const { backend, reader } = await open(clusterId);
        keep(reader);
        const positions = await planScan(backend, reader, topic, seek, partitions);
        const total = positions.reduce((s, p) => s + (p.end - p.start), 0n);
        if (signal.aborted) return;
        emit({ kind: 'started', total });
        let matched = 0;
        let stopped: BrowseResult['stopped'] = null;
        for await (const round of scanRounds(reader, topic, positions, { maxWaitMs: BROWSE_WAIT_MS, signal })) {
          let records = filter === null ? round.records : round.records.filter(filter);
          if (matched + records.length >= maxResults) {
            records = records.slice(0, maxResults - matched);
            stopped = 'max-results';
          }
          matched += records.length;
          if (signal.aborted) return;
          if (records.length > 0) emit({ kind: 'records', records: packMessages(records) });
          const scanned = positions.reduce((s, p) => s + (p.next - p.start), 0n);
          emit({ kind: 'progress', scanned, total, matched });
          if (stopped !== null) break;
        }
        if (signal.aborted) return;
        emit({ kind: 'done', matched, scanned: positions.reduce((s, p) => s + (p.next - p.start), 0n), stopped });
      },
    ),
  };
}
