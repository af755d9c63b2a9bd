/**
 * Builds the vitest suite of one client program: a test that the client is installed (fails with the install
 * command, never skips), then, once the broker exists in the tree, one broker per suite and one test per
 * scenario of issue 7. Before `tidepool cluster` lands the broker tests are reported as skipped with the
 * reason, never as passed.
 */
import { afterAll, beforeAll, describe, it } from 'vitest';
import {
  checkCompression, checkConfig, checkGroup, checkIdempotent, checkLarge, checkMetadata, checkOffsets, checkRoundTrip,
  type HeaderRule, type RunScenario,
} from './assertions.js';
import { brokerCommandAvailable, expectSuccess, oneEvent, runProgram, startBroker, type Broker } from './harness.js';

export interface ClientProgram {
  /** Throws "client tool missing ... Install it: ..." when the client cannot run. */
  check(): void | Promise<void>;
  /** Command and leading arguments; the bootstrap address and scenario follow. */
  command(): [string, string[]];
}

/** Group scenarios wait up to 40 s + 30 s inside the programs; everything else gets 60 s. */
const SCENARIO_TIMEOUT_MS: Record<string, number> = { 'group-split': 100_000, 'group-resume': 80_000 };

export function scenarioRunner(program: ClientProgram, broker: () => Broker, extraArgs: string[] = []): RunScenario {
  return async (scenario, ...args) => {
    const [cmd, base] = program.command();
    const timeoutMs = SCENARIO_TIMEOUT_MS[scenario] ?? 60_000;
    return expectSuccess(await runProgram(cmd, [...base, ...extraArgs, broker().bootstrap, scenario, ...args], { timeoutMs }));
  };
}

/** Opens a broker for the enclosing describe block; returns an accessor. */
export function useBroker(config: Record<string, string> = {}): () => Broker {
  let broker: Broker | undefined;
  beforeAll(async () => { broker = await startBroker(config); });
  afterAll(async () => { await broker?.stop(); });
  return () => {
    if (!broker) throw new Error('broker not started');
    return broker;
  };
}

export const brokerMissing = !brokerCommandAvailable();
export const BROKER_MISSING_NOTE = ' (skipped: no broker in this tree yet)';

export interface StandardOptions {
  prefix: string;
  headers: HeaderRule;
  codecs: string[];
  /** Codecs the broker refuses for this client as Kafka 3.9 does, and how the client reports it. */
  rejected?: { codecs: string[]; refusal: RegExp };
  /** What a by-timestamp lookup past the last message returns (Kafka: -1; some clients substitute latest). */
  future: number[];
  idempotent: boolean;
}

/** The full scenario list for clients with a complete API (create, admin configs, groups, offsets). */
export function describeStandardClient(title: string, program: ClientProgram, o: StandardOptions): void {
  describe(title, () => {
    it('is installed', async () => { await program.check(); });

    describe.skipIf(brokerMissing)(`against a real broker${brokerMissing ? BROKER_MISSING_NOTE : ''}`, () => {
      beforeAll(async () => { await program.check(); });
      const broker = useBroker();
      const run = () => scenarioRunner(program, broker);

      it('reads metadata with the advertised address', async () => { await checkMetadata(run(), broker()); });
      it('creates a 3-partition topic; 1,000 keyed messages with headers at acks=all come back exactly once, in per-key order',
        async () => { await checkRoundTrip(run(), o.prefix, o.headers); }, 60_000);
      it('two group members split the partitions, commit, rebalance on leave, resume after a broker restart', async () => {
        await checkGroup(run(), broker(), o.prefix, async (t) => { oneEvent(await run()('create', t), 'created'); });
      }, 240_000);
      it('earliest, latest and by-timestamp offsets', async () => { await checkOffsets(run(), o.prefix, o.future); });
      it(`compression round trip: ${o.codecs.join(', ')}`, async () => {
        await checkCompression(run(), o.prefix, o.codecs, o.rejected?.codecs, o.rejected?.refusal);
      }, 60_000);
      it('900 KB round-trips; 1.2 MB gets MESSAGE_TOO_LARGE and the producer carries on', async () => { await checkLarge(run(), o.prefix); }, 60_000);
      it('describes, alters and reads back retention.ms, then deletes the topic', async () => { await checkConfig(run(), o.prefix); });
      if (o.idempotent) {
        it('an idempotent producer leaves no duplicates', async () => { await checkIdempotent(run(), o.prefix); });
      }
    });
  });
}
