/**
 * The Jepsen-style nemesis: a seeded plan of faults (kill/start, clean restart, pause/resume, slow follower
 * fetches, isolate/heal from brokers, clients or both) on random brokers, and a runner that applies it to a LocalClusterControl while logging each
 * step into the history. One broker is faulted at a time, so with RF 3 and min.insync.replicas 2 the cluster can
 * keep accepting writes between elections; every fault is undone before the plan ends. The plan is pure (same
 * seed, same plan) so a failing seed can be replayed: the test prints it and TIDEPOOL_JEPSEN_SEED reuses it.
 */
import { seededRandom } from '../../src-main/cluster/controller/index.js';
import type { LocalClusterControl } from '../../src-main/cluster/control.js';
import type { Recorder } from './harness.js';

export type FaultKind = 'kill' | 'restart' | 'pause' | 'slow' | 'isolate-brokers' | 'isolate-clients' | 'isolate-all';
export const FAULT_KINDS: readonly FaultKind[] = ['kill', 'restart', 'pause', 'slow', 'isolate-brokers', 'isolate-clients', 'isolate-all'];

/** How long a slowed broker's follower fetches are delayed. */
export const SLOW_FETCH_DELAY_MS = 1500;

/** What the nemesis pulls: the fault half of LocalClusterControl (a one-broker test adapter implements it too). */
export type NemesisTarget = Pick<LocalClusterControl, 'killBroker' | 'startBroker' | 'restartBroker' | 'pauseBroker' | 'resumeBroker' | 'slowBroker' | 'isolateBroker' | 'healBroker'>;

export interface FaultStep {
  kind: FaultKind;
  nodeId: number;
  /** ms after the plan starts. */
  startMs: number;
  healMs: number;
}

export interface PlanOptions {
  seed: number;
  nodeIds: readonly number[];
  durationMs: number;
  /** Quiet time at the start and before the end (default 3000 / 4000 ms). */
  leadInMs?: number;
  leadOutMs?: number;
  /** Ranges [min, max) for the pause between faults and for how long a fault lasts. */
  gapMs?: [number, number];
  faultMs?: [number, number];
  /** Fault kinds to draw from (default: all). */
  kinds?: readonly FaultKind[];
}

export function planFaults(o: PlanOptions): FaultStep[] {
  if (o.nodeIds.length === 0) throw new Error('planFaults: no brokers to fault');
  const kinds = o.kinds ?? FAULT_KINDS;
  if (kinds.length === 0) throw new Error('planFaults: no fault kinds');
  const random = seededRandom(o.seed);
  const between = ([lo, hi]: [number, number]) => lo + random(Math.max(1, hi - lo));
  const gap: [number, number] = o.gapMs ?? [1000, 3000];
  const fault: [number, number] = o.faultMs ?? [2000, 6000];
  const end = o.durationMs - (o.leadOutMs ?? 4000);
  const steps: FaultStep[] = [];
  let t = o.leadInMs ?? 3000;
  for (;;) {
    const startMs = t + between(gap);
    const healMs = startMs + between(fault);
    if (healMs > end) break;
    steps.push({ kind: kinds[random(kinds.length)], nodeId: o.nodeIds[random(o.nodeIds.length)], startMs, healMs });
    t = healMs;
  }
  return steps;
}

/** Applies a step; a restart happens whole here (stop, start), so its heal is a no-op. */
export async function applyFault(control: NemesisTarget, step: FaultStep): Promise<void> {
  switch (step.kind) {
    case 'kill': return control.killBroker(step.nodeId);
    case 'restart': return control.restartBroker(step.nodeId);
    case 'pause': return control.pauseBroker(step.nodeId);
    case 'slow': return control.slowBroker(step.nodeId, SLOW_FETCH_DELAY_MS);
    case 'isolate-brokers': return control.isolateBroker(step.nodeId, 'brokers');
    case 'isolate-clients': return control.isolateBroker(step.nodeId, 'clients');
    case 'isolate-all': return control.isolateBroker(step.nodeId, 'all');
  }
}

export async function healFault(control: NemesisTarget, step: FaultStep): Promise<void> {
  if (step.kind === 'restart') return;
  if (step.kind === 'kill') return control.startBroker(step.nodeId);
  if (step.kind === 'pause') return control.resumeBroker(step.nodeId);
  return control.healBroker(step.nodeId);
}

const sleepUntil = (at: number) => new Promise<void>((r) => setTimeout(r, Math.max(0, at - Date.now())));

/** Runs the plan in real time from now; each step and its undoing is an info "nemesis" line in the history. */
export async function runNemesis(control: NemesisTarget, plan: readonly FaultStep[], recorder: Recorder): Promise<void> {
  const t0 = Date.now();
  for (const step of plan) {
    await sleepUntil(t0 + step.startMs);
    recorder.note('nemesis', 'nemesis', `${step.kind} ${step.nodeId}`);
    await applyFault(control, step);
    await sleepUntil(t0 + step.healMs);
    recorder.note('nemesis', 'nemesis', `heal ${step.kind} ${step.nodeId}`);
    await healFault(control, step);
  }
}
