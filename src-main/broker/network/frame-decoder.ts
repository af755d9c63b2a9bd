/**
 * Splits a TCP byte stream into Kafka frames (int32 size + payload). The size prefix is checked against
 * socket.request.max.bytes as soon as its 4 bytes arrive, before any buffer for the frame exists, so a
 * 2 GB length header costs nothing. Frames come out without the prefix; a frame within one chunk is a
 * zero-copy view of it.
 */
import { Buffer } from 'node:buffer';

export class FrameSizeError extends Error {
  override readonly name = 'FrameSizeError';
  constructor(readonly size: number, readonly max: number) {
    super(size < 0 ? `negative frame size ${size}` : `frame of ${size} bytes exceeds socket.request.max.bytes (${max})`);
  }
}

export class FrameDecoder {
  private chunks: Buffer[] = [];
  private buffered = 0;
  /** Payload size of the frame being assembled, or -1 while its prefix is incomplete. */
  private need = -1;

  constructor(private readonly maxFrameBytes: number) {}

  /** Bytes held for incomplete frames. */
  get bufferedBytes(): number {
    return this.buffered;
  }

  /** Feeds bytes; pushes each complete frame to `out`. Throws FrameSizeError on a bad size prefix. */
  push(chunk: Buffer, out: Buffer[]): void {
    if (chunk.length === 0) return;
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    for (;;) {
      if (this.need < 0) {
        if (this.buffered < 4) return;
        const size = this.peekInt32();
        if (size < 0 || size > this.maxFrameBytes) throw new FrameSizeError(size, this.maxFrameBytes);
        this.need = size;
      }
      if (this.buffered < 4 + this.need) return;
      out.push(this.take(4 + this.need).subarray(4));
      this.need = -1;
    }
  }

  private peekInt32(): number {
    const first = this.chunks[0];
    if (first.length >= 4) return first.readInt32BE(0);
    return Buffer.concat(this.chunks, 4).readInt32BE(0);
  }

  /** Removes and returns the next `n` bytes (a view when they lie in one chunk). */
  private take(n: number): Buffer {
    this.buffered -= n;
    const first = this.chunks[0];
    if (first.length >= n) {
      if (first.length === n) this.chunks.shift();
      else this.chunks[0] = first.subarray(n);
      return first.subarray(0, n);
    }
    const out = Buffer.allocUnsafe(n);
    let at = 0;
    while (at < n) {
      const c = this.chunks[0];
      const k = Math.min(c.length, n - at);
      c.copy(out, at, 0, k);
      at += k;
      if (k === c.length) this.chunks.shift();
      else this.chunks[0] = c.subarray(k);
    }
    return out;
  }
}
