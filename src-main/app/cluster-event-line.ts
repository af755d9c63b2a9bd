/**
 * One line of text per cluster metadata event, for `tidepool cluster --events`: local time, seq, kind,
 * what it is about, the kind's key facts, and the cause. Plain text so it can be piped and grepped.
 */
import type { ClusterEvent } from '../cluster/control.js';

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

function clock(ms: number): string {
  const d = new Date(ms);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
}

const list = (v: unknown) => (Array.isArray(v) ? `[${v.join(',')}]` : String(v));

function facts(e: ClusterEvent): string {
  const d = e.detail ?? {};
  switch (e.kind) {
    case 'leader-change': {
      const to = d.to === -1 ? 'none (offline)' : String(d.to);
      return `leader ${d.from === -1 ? 'none' : String(d.from)} -> ${to}, epoch ${String(d.leaderEpoch)}${d.election === 'unclean' ? ', unclean' : ''}`;
    }
    case 'isr-shrink':
    case 'isr-expand':
      return `replica ${String(d.replica)}, isr ${list(d.previousIsr)} -> ${list(d.isr)}`;
    case 'reassignment':
      return `${String(d.phase)}, replicas ${list(d.from)} -> ${list(d.to)}`;
    case 'controller-move':
      return `controller ${d.from === null ? 'none' : String(d.from)} -> ${String(d.to)}`;
    case 'topic-created':
      return `${String(d.partitions)} partitions, RF ${String(d.replicationFactor)}`;
    case 'fault':
      return String(d.fault ?? '');
    default:
      return '';
  }
}

export function formatClusterEvent(e: ClusterEvent): string {
  const subject = e.topic !== undefined
    ? `${e.topic}${e.partition === undefined ? '' : `-${e.partition}`}`
    : e.brokerId !== undefined ? `broker ${e.brokerId}` : '';
  const f = facts(e);
  return [clock(e.time), `#${e.seq}`, e.kind, subject, f && `(${f})`, `: ${e.cause}`].filter((x) => x !== '').join(' ').replace(' : ', ': ');
}
