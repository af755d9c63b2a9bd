/** Formatting helpers shared by every feature: bytes, durations, percentages and bigint-safe numbers. */

const BYTE_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB'] as const;

/** 1536 -> "1.5 KiB". Negative or non-finite input is shown as-is rather than hidden. */
export function formatBytes(n: number): string {
  if (!Number.isFinite(n) || n < 0) return String(n);
  let v = n;
  let i = 0;
  while (v >= 1024 && i < BYTE_UNITS.length - 1) { v /= 1024; i++; }
  return `${i === 0 ? v : v.toFixed(v >= 100 ? 0 : 1)} ${BYTE_UNITS[i]}`;
}

/** 93_000 -> "1m 33s"; keeps the two most significant units. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return String(ms);
  const s = Math.floor(ms / 1000);
  const parts: [number, string][] = [[Math.floor(s / 86400), 'd'], [Math.floor(s / 3600) % 24, 'h'], [Math.floor(s / 60) % 60, 'm'], [s % 60, 's']];
  const first = parts.findIndex(([v]) => v > 0);
  if (first === -1) return `${ms < 1000 ? Math.round(ms) : 0}${ms < 1000 ? 'ms' : 's'}`;
  return parts.slice(first, first + 2).map(([v, u]) => `${v}${u}`).join(' ');
}

export function formatPercent(p: number): string {
  return Number.isFinite(p) ? `${p.toFixed(p >= 10 ? 0 : 1)}%` : String(p);
}

/** HH:MM:SS in local time, for chart axes. */
export function formatClock(epochMs: number): string {
  const d = new Date(epochMs);
  return [d.getHours(), d.getMinutes(), d.getSeconds()].map((v) => String(v).padStart(2, '0')).join(':');
}

const BIGINT_MARK = '\u0000bigint:';

/**
 * Pretty JSON for display. bigint values (offsets, nanosecond clocks) are written as exact integer
 * literals: JSON.stringify would throw on them, and Number() would round anything above 2^53.
 */
export function toDisplayJson(value: unknown): string {
  const text = JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? `${BIGINT_MARK}${String(v)}` : v), 2);
  if (text === undefined) return 'undefined';
  return text.replace(/"\\u0000bigint:(-?\d+)"/g, '$1');
}
