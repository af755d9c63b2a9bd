/**
 * Sparse offset index of one segment: (offset relative to the segment base, byte position) for the first batch
 * after every index.interval.bytes of log. Held in memory (a 1 GiB segment needs ~2 MiB) and written to the
 * `.index` file (Kafka's 8-byte big-endian entry layout) on roll, flush and close; the active segment's file is
 * rebuilt from the log after an unclean shutdown, so it never needs a write per append.
 */

export const OFFSET_ENTRY_SIZE = 8;

export class OffsetIndex {
  private rel = new Int32Array(64);
  private pos = new Int32Array(64);
  private n = 0;

  constructor(readonly baseOffset: bigint) {}

  get entries(): number {
    return this.n;
  }

  /** Adds an entry; offsets and positions must increase (the caller appends in log order). */
  append(offset: bigint, position: number): void {
    const r = Number(offset - this.baseOffset);
    if (this.n > 0 && (r <= this.rel[this.n - 1] || position <= this.pos[this.n - 1])) return;
    if (this.n === this.rel.length) {
      const rel = new Int32Array(this.n * 2); rel.set(this.rel); this.rel = rel;
      const pos = new Int32Array(this.n * 2); pos.set(this.pos); this.pos = pos;
    }
    this.rel[this.n] = r;
    this.pos[this.n] = position;
    this.n++;
  }

  /** The entry with the largest offset <= `offset`, or the segment start when there is none. */
  lookup(offset: bigint): { offset: bigint; position: number } {
    const target = offset - this.baseOffset;
    let lo = 0;
    let hi = this.n - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if (BigInt(this.rel[mid]) <= target) { found = mid; lo = mid + 1; } else hi = mid - 1;
    }
    return found < 0 ? { offset: this.baseOffset, position: 0 } : { offset: this.baseOffset + BigInt(this.rel[found]), position: this.pos[found] };
  }

  /** Drops entries at or after byte `position` (log truncation). */
  truncateToPosition(position: number): void {
    while (this.n > 0 && this.pos[this.n - 1] >= position) this.n--;
  }

  last(): { offset: bigint; position: number } | undefined {
    return this.n === 0 ? undefined : { offset: this.baseOffset + BigInt(this.rel[this.n - 1]), position: this.pos[this.n - 1] };
  }

  serialize(): Buffer {
    const buf = Buffer.allocUnsafe(this.n * OFFSET_ENTRY_SIZE);
    for (let i = 0; i < this.n; i++) {
      buf.writeInt32BE(this.rel[i], i * OFFSET_ENTRY_SIZE);
      buf.writeInt32BE(this.pos[i], i * OFFSET_ENTRY_SIZE + 4);
    }
    return buf;
  }

  /**
   * Parses an `.index` file, or returns why it cannot be trusted: a partial entry, entries out of order, or a
   * position at or past the end of the log (an index must never claim data that is not there).
   */
  static parse(buf: Uint8Array, baseOffset: bigint, logSize: number): OffsetIndex | string {
    if (buf.length % OFFSET_ENTRY_SIZE !== 0) return `size ${buf.length} is not a multiple of ${OFFSET_ENTRY_SIZE}`;
    const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    const idx = new OffsetIndex(baseOffset);
    for (let at = 0; at < buf.length; at += OFFSET_ENTRY_SIZE) {
      const rel = view.getInt32(at);
      const position = view.getInt32(at + 4);
      const prev = idx.last();
      if (rel < 0 || position < 0) return `negative entry at ${at}`;
      if (position >= logSize) return `entry at ${at} points to ${position}, past the log end ${logSize}`;
      if (prev && (BigInt(rel) + baseOffset <= prev.offset || position <= prev.position)) return `entry at ${at} is out of order`;
      idx.append(baseOffset + BigInt(rel), position);
    }
    return idx;
  }
}
