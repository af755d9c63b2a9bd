/**
 * The nemesis's target over one in-process Broker with the broker's own fault switches (broker/faults.ts, applied
 * by its network layer): pause/resume, isolate/heal and a clean restart on the same port and data dir. It lets the
 * history machinery run against real faults before the multi-broker LocalCluster lands. Killing the only broker
 * is not offered (its clean restart is); `kill` in a plan for it is a test bug and throws.
 */
import { Broker, settingsFromConfig } from '../../src-main/broker/index.js';
import { FaultSwitches } from '../../src-main/broker/faults.js';
import type { IsolationMode } from '../../src-main/cluster/control.js';
import type { NemesisTarget } from './nemesis.js';

export class OneBrokerTarget implements NemesisTarget {
  readonly faults = new FaultSwitches();

  private constructor(private broker: Broker, private readonly dataDir: string, private readonly config: ReadonlyMap<string, string>) {}

  static async start(dataDir: string, config: Record<string, string>): Promise<OneBrokerTarget> {
    const map = new Map(Object.entries(config));
    const t = new OneBrokerTarget(null as unknown as Broker, dataDir, map);
    t.broker = await t.open(0);
    return t;
  }

  private async open(port: number): Promise<Broker> {
    const { settings } = settingsFromConfig({ static: this.config, dataDir: this.dataDir, nodeId: 1, host: '127.0.0.1', port });
    return Broker.start({ ...settings, faults: this.faults, logger: { info: () => {}, warn: () => {} } });
  }

  get bootstrap(): string { return this.broker.bootstrap; }
  get nodeId(): number { return this.broker.nodeId; }

  killBroker(): Promise<void> {
    return Promise.reject(new Error('OneBrokerTarget: killing the only broker is not offered; plan restart instead'));
  }

  async startBroker(): Promise<void> {}

  async restartBroker(): Promise<void> {
    const port = this.broker.port;
    await this.broker.stop();
    this.broker = await this.open(port);
  }

  pauseBroker(): void { this.faults.set({ paused: true }); }
  slowBroker(_nodeId: number, fetchDelayMs: number): void { this.faults.set({ fetchDelayMs }); }
  resumeBroker(): void { this.faults.set({ paused: false }); }

  isolateBroker(_nodeId: number, mode: IsolationMode): void {
    this.faults.set({ isolatedFromClients: mode === 'clients' || mode === 'all', isolatedFromBrokers: mode === 'brokers' || mode === 'all' });
  }

  healBroker(): void { this.faults.clear(); }

  stop(): Promise<void> {
    this.faults.clear();
    return this.broker.stop();
  }
}
