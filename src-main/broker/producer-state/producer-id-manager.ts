/**
 * Hands out producer ids for InitProducerId, never reusing one across restarts. Like Kafka's
 * ProducerIdManager it reserves ids in blocks of 1000: the end of the current block is written to
 * `<dataDir>/producer-ids.json` (atomically, fsynced) before any id from the block is returned, so a crash
 * at worst skips the rest of a block. Each node draws from its own range (node id in the bits above 2^40),
 * so brokers of one local cluster, each with its own data dir, never hand out the same id (Kafka gets the
 * same guarantee from the controller's block allocation).
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../../storage/index.js';

export const PRODUCER_ID_BLOCK_SIZE = 1000n;
export const PRODUCER_ID_FILE = 'producer-ids.json';
/** Ids a node may hand out before its range would run into the next node's. */
export const PRODUCER_IDS_PER_NODE = 1n << 40n;

export class ProducerIdError extends Error {
  override readonly name = 'ProducerIdError';
  constructor(message: string, readonly path: string, options?: { cause?: unknown }) {
    super(`${message} (${path})`, options);
  }
}

function readReserved(path: string): bigint {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 0n;
    throw new ProducerIdError('cannot read producer id state', path, { cause: err });
  }
  try {
    const data = JSON.parse(text) as { version?: unknown; nextBlockStart?: unknown };
    if (data.version !== 1 || typeof data.nextBlockStart !== 'string' || !/^\d+$/.test(data.nextBlockStart)) throw new Error('bad shape');
    return BigInt(data.nextBlockStart);
  } catch (err) {
    throw new ProducerIdError('producer id state is corrupt', path, { cause: err });
  }
}

function writeAtomic(path: string, text: string): void {
  try {
    writeFileAtomic(path, text);
  } catch (err) {
    throw new ProducerIdError('cannot persist producer id state', path, { cause: err });
  }
}

export class ProducerIdManager {
  readonly path: string;
  private next: bigint;
  private blockEnd: bigint;
  private readonly base: bigint;

  constructor(dataDir: string, nodeId = 0) {
    if (!Number.isInteger(nodeId) || nodeId < 0) throw new ProducerIdError(`node id must be >= 0, got ${nodeId}`, dataDir);
    this.base = BigInt(nodeId) * PRODUCER_IDS_PER_NODE;
    mkdirSync(dataDir, { recursive: true });
    this.path = join(dataDir, PRODUCER_ID_FILE);
    // Everything below the persisted mark may have been handed out before: start above it.
    this.next = readReserved(this.path);
    this.blockEnd = this.next;
  }

  /** A producer id never returned before by this data dir. */
  generate(): bigint {
    if (this.next >= PRODUCER_IDS_PER_NODE) throw new ProducerIdError('this node has used up its producer id range', this.path);
    if (this.next >= this.blockEnd) {
      const end = this.next + PRODUCER_ID_BLOCK_SIZE;
      writeAtomic(this.path, JSON.stringify({ version: 1, nextBlockStart: end.toString() }));
      this.blockEnd = end;
    }
    return this.base + this.next++;
  }
}
