/** The `system.*` domain: facts about the running core, and a live stream of its own resource use. */
import { z } from 'zod';
import { event, method } from './define.js';

export interface SystemInfo {
  app: string;
  version: string;
  /** Which transport this caller is on. */
  transport: 'ipc' | 'websocket' | 'in-process';
  node: string;
  electron: string | null;
  platform: string;
  arch: string;
  pid: number;
  startedAt: number;
  uptimeMs: number;
  /** Process start as a bigint of nanoseconds: proves int64 survives every transport. */
  hrStartNs: bigint;
}

export interface MetricsSample {
  time: number;
  rssBytes: number;
  heapUsedBytes: number;
  cpuPercent: number;
  eventLoopDelayMs: number;
}

export const systemContract = {
  'system.info': method<SystemInfo>()(z.object({}).strict(), 'Versions, platform and uptime of the core.'),
  'system.ping': method<{ echo: string; at: number }>()(
    z.object({ echo: z.string().max(10_000) }).strict(), 'Round trip through the transport.'),
  'system.metricsHistory': method<MetricsSample[]>()(z.object({}).strict(), 'Samples kept since the core started.'),
  'system.metrics': event<MetricsSample>()(
    z.object({}).strict(), 'A sample of the core process (memory, CPU, event-loop delay) every second.'),
} as const;
