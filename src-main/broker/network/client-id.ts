/**
 * Reads the client id straight from a request frame's header, before any decoding, so the network layer
 * can apply per-client faults (isolation) without running the request. Request header v1+ puts a nullable
 * int16-length string at byte 8 (header v2 only adds tagged fields after it); only ControlledShutdown v0
 * (header v0) has none.
 */
import { Buffer } from 'node:buffer';

const CONTROLLED_SHUTDOWN_KEY = 7;

/** The frame's client id, or null when absent, null, or the frame is too short to carry one. */
export function peekClientId(frame: Uint8Array): string | null {
  if (frame.length < 10) return null;
  const dv = new DataView(frame.buffer, frame.byteOffset, frame.byteLength);
  if (dv.getInt16(0) === CONTROLLED_SHUTDOWN_KEY && dv.getInt16(2) === 0) return null;
  const len = dv.getInt16(8);
  if (len < 0 || 10 + len > frame.length) return null;
  return Buffer.from(frame.buffer, frame.byteOffset + 10, len).toString('utf8');
}
