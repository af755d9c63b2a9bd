/**
 * Partition choice for `producer.*` with the Java client's defaults: an explicit partition as given; "auto"
 * with a key = murmur2(key) mod the partition count (BuiltInPartitioner.partitionForKey); "auto" without a key =
 * sticky (KIP-480, Java >= 2.4, and librdkafka's default): every keyless record of one batch goes to one
 * partition, picked at random among the partitions that have a leader, and the next batch picks again
 * (a different one when there is a choice, as Java's StickyPartitionCache does). An offline partition is skipped
 * for keyless records only: a keyed record's partition must not depend on availability.
 */
import { TidepoolError } from '../common/index.js';
import { partitionForKey, type PartitionInfo } from '../clients/index.js';
import type { ProduceResult } from '../contract/index.js';

type Partitioner = ProduceResult['partitioner'];

export class PartitionChooser {
  readonly partitions: number;
  /** Partitions with a leader; all of them when none has one (as Java: the send then fails or waits). */
  private readonly available: number[];
  private sticky: number | null = null;
  private previous: number | null = null;

  constructor(
    readonly topic: string, info: Pick<PartitionInfo, 'partition' | 'leader'>[], private readonly explicit: number | 'auto',
    private readonly random: () => number = Math.random,
  ) {
    this.partitions = info.length;
    if (explicit !== 'auto' && explicit >= this.partitions) {
      const n = this.partitions;
      throw new TidepoolError('TP_VALIDATION',
        `Topic "${topic}" has ${n} partition${n === 1 ? '' : 's'} (0-${n - 1}); partition ${explicit} does not exist. Pick one of them or "auto".`,
        { field: 'partition', topic, partitions: n });
    }
    const led = info.filter((p) => p.leader >= 0).map((p) => p.partition).sort((a, b) => a - b);
    this.available = led.length > 0 ? led : info.map((p) => p.partition).sort((a, b) => a - b);
  }

  choose(key: Uint8Array | null): { partition: number; by: Partitioner } {
    if (this.explicit !== 'auto') return { partition: this.explicit, by: 'explicit' };
    if (key !== null) return { partition: partitionForKey(key, this.partitions), by: 'murmur2' };
    this.sticky ??= this.pick();
    return { partition: this.sticky, by: 'sticky' };
  }

  /** A new batch starts: the next keyless record picks a new sticky partition. */
  newBatch(): void {
    if (this.sticky !== null) this.previous = this.sticky;
    this.sticky = null;
  }

  private pick(): number {
    const from = this.available.length > 1 && this.previous !== null ? this.available.filter((p) => p !== this.previous) : this.available;
    const i = Math.min(from.length - 1, Math.floor(this.random() * from.length));
    return from[i]!;
  }
}
