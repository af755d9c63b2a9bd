/**
 * Sparse time index of one segment: (largest timestamp so far, offset of the batch where it was reached),
 * added with the offset index entries but only when the timestamp grows, as in Kafka's `.timeindex`
 * (12-byte entries: int64 timestamp, int32 relative offset). Like the offset index it lives in memory and is
 * written on roll, flush and close.
 */

export const TIME_ENTRY_SIZE = 12;

export class TimeIndex {
  private ts = new BigInt64Array(64);
  private rel = new Int32Array(64);
  private n = 0;

  constructor(readonly baseOffset: bigint) {}

  get entries(): number {
    return this.n;
  }

  /** Adds (timestamp, offset) if the timestamp is larger than the last entry's and the offset larger too. */
  maybeAppend(timestamp: bigint, offset: bigint): void {
    const r = Number(offset - this.baseOffset);
    if (this.n > 0 && (timestamp <= this.ts[this.n - 1] || r <= this.rel[this.n - 1])) return;
    if (this.n === this.ts.length) {
      const ts = new BigInt64Array(this.n * 2); ts.set(this.ts); this.ts = ts;
      const rel = new Int32Array(this.n * 2); rel.set(this.rel); this.rel = rel;
    }
    this.ts[this.n] = timestamp;
    this.rel[this.n] = r;
    this.n++;
  }

  /**
   * An offset from which to scan for the first batch with a timestamp >= `timestamp`: the offset of the last
   * entry whose timestamp is strictly smaller (every batch before it is older), or the segment base.
   */
  scanStart(timestamp: bigint): bigint {
    let lo = 0;
    let hi = this.n - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if (this.ts[mid] < timestamp) { found = mid; lo = mid + 1; } else hi = mid - 1;
    }
    return found < 0 ? this.baseOffset : this.baseOffset + BigInt(this.rel[found]);
  }

  /** Drops entries whose offset is >= `offset` (log truncation). */
  truncateToOffset(offset: bigint): void {
    while (this.n > 0 && this.baseOffset + BigInt(this.rel[this.n - 1]) >= offset) this.n--;
  }

  lastTimestamp(): bigint | undefined {
    return this.n === 0 ? undefined : this.ts[this.n - 1];
  }

  serialize(): Buffer {
    const buf = Buffer.allocUnsafe(this.n * TIME_ENTRY_SIZE);
    for (let i = 0; i < this.n; i++) {
      buf.writeBigInt64BE(this.ts[i], i * TIME_ENTRY_SIZE);
      buf.writeInt32BE(this.rel[i], i * TIME_ENTRY_SIZE + 8);
    }
    return buf;
  }

  /** Parses a `.timeindex` file, or returns why it cannot be trusted. `nextOffset` bounds the offsets. */
  static parse(buf: Uint8Array, baseOffset: bigint, nextOffset: bigint): TimeIndex | string {
    if (buf.length % TIME_ENTRY_SIZE !== 0) return `size ${buf.length} is not a multiple of ${TIME_ENTRY_SIZE}`;
    const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    const idx = new TimeIndex(baseOffset);
    for (let at = 0; at < buf.length; at += TIME_ENTRY_SIZE) {
      const ts = view.getBigInt64(at);
      const rel = view.getInt32(at + 8);
      if (rel < 0 || baseOffset + BigInt(rel) >= nextOffset) return `entry at ${at} points past the log end`;
      const before = idx.n;
      idx.maybeAppend(ts, baseOffset + BigInt(rel));
      if (idx.n === before) return `entry at ${at} is out of order`;
    }
    return idx;
  }
}
