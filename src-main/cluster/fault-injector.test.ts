// FaultInjector over real FaultSwitches and a real ClusterEvents ring, and once over real brokers: the
// switches it pulls take effect on the network, and each change is a 'fault' event with its cause.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FaultSwitches, REPLICA_FETCHER_CLIENT_PREFIX } from '../broker/faults.js';
import apiVersionsApi from '../protocol/schema/18-api-versions.js';
import { KafkaTestClient } from '../broker/test-support/kafka-test-client.js';
import { sleep, startTestBroker, type TestBroker } from '../broker/test-support/test-broker.js';
import { ClusterEvents } from './cluster-events.js';
import { FaultInjector, isolationOf } from './fault-injector.js';

function setup(ids = [1, 2, 3]) {
  const switches = new Map(ids.map((id) => [id, new FaultSwitches()]));
  const events = new ClusterEvents({ now: () => 1000 });
  const inj = new FaultInjector({ nodeIds: () => [...switches.keys()], switches: (id) => switches.get(id), emit: (e) => events.emit(e) });
  return { switches, events, inj };
}

describe('FaultInjector', () => {
  it('pulls the switches and reports each change as a fault event with cause', () => {
    const { switches, events, inj } = setup();
    inj.pause(2);
    expect(switches.get(2)!.current.paused).toBe(true);
    expect(switches.get(2)!.reachesCluster).toBe(false);
    inj.slow(3, 250);
    inj.isolate(1, 'brokers');
    inj.resume(2);
    expect(events.events()).toEqual([
      { seq: 1, time: 1000, kind: 'fault', brokerId: 2, cause: 'broker 2 paused (like a long GC pause)', detail: { fault: 'pause', paused: true, isolation: 'none', fetchDelayMs: 0 } },
      { seq: 2, time: 1000, kind: 'fault', brokerId: 3, cause: 'broker 3 follower fetches delayed by 250 ms', detail: { fault: 'slow', paused: false, isolation: 'none', fetchDelayMs: 250 } },
      { seq: 3, time: 1000, kind: 'fault', brokerId: 1, cause: 'broker 1 isolated from the other brokers', detail: { fault: 'isolate', mode: 'brokers', paused: false, isolation: 'brokers', fetchDelayMs: 0 } },
      { seq: 4, time: 1000, kind: 'fault', brokerId: 2, cause: 'broker 2 resumed', detail: { fault: 'resume', paused: false, isolation: 'none', fetchDelayMs: 0 } },
    ]);
    expect(inj.state(3)).toEqual({ paused: false, isolation: 'none', fetchDelayMs: 250 });
    expect(inj.state(1).isolation).toBe('brokers');
  });

  it('maps isolation modes both ways and heals everything at once', () => {
    const { switches, events, inj } = setup();
    for (const mode of ['clients', 'all', 'brokers', 'none'] as const) {
      inj.isolate(2, mode);
      expect(isolationOf(switches.get(2)!.current)).toBe(mode);
    }
    inj.pause(1);
    inj.slow(1, 10);
    inj.isolate(1, 'all');
    inj.heal(1, 'operator cleared faults');
    expect(switches.get(1)!.current).toEqual({ paused: false, isolatedFromBrokers: false, isolatedFromClients: false, fetchDelayMs: 0 });
    expect(events.events().at(-1)).toMatchObject({ brokerId: 1, cause: 'operator cleared faults', detail: { fault: 'heal', isolation: 'none' } });
  });

  it('emits nothing when nothing changes', () => {
    const { events, inj } = setup();
    inj.resume(1);
    inj.heal(2);
    inj.isolate(3, 'none');
    inj.slow(3, 0);
    inj.pause(1);
    inj.pause(1);
    expect(events.events().map((e) => e.cause)).toEqual(['broker 1 paused (like a long GC pause)']);
  });

  it('refuses an unknown node, a bad mode and a bad delay with typed errors, changing nothing', () => {
    const { switches, events, inj } = setup();
    expect(() => inj.pause(9)).toThrow(expect.objectContaining({ name: 'ClusterError', code: 'NO_SUCH_BROKER', message: expect.stringMatching(/no broker 9 \(brokers are 1, 2, 3\)/) }));
    expect(() => inj.state(9)).toThrow(expect.objectContaining({ code: 'NO_SUCH_BROKER' }));
    expect(() => inj.isolate(1, 'sideways' as never)).toThrow(expect.objectContaining({ code: 'BAD_FAULT' }));
    for (const bad of [-1, 1.5, Number.NaN, 4_000_000]) expect(() => inj.slow(1, bad)).toThrow(expect.objectContaining({ code: 'BAD_FAULT' }));
    expect(switches.get(1)!.current.fetchDelayMs).toBe(0);
    expect(events.events()).toEqual([]);
  });
});

describe('FaultInjector over a real broker', () => {
  let tb: TestBroker;
  const switches = new FaultSwitches();
  const events = new ClusterEvents();
  const inj = new FaultInjector({ nodeIds: () => [1], switches: (id) => (id === 1 ? switches : undefined), emit: (e) => events.emit(e) });
  beforeAll(async () => { tb = await startTestBroker({ faults: switches }); });
  afterAll(async () => tb.cleanup());

  it('isolating from clients resets a client while a replica fetcher keeps being served; pause silences both', async () => {
    const versions = { clientSoftwareName: 'inj', clientSoftwareVersion: '1' };
    const client = await KafkaTestClient.connect(tb.broker.port, '127.0.0.1', 'ui');
    const replica = await KafkaTestClient.connect(tb.broker.port, '127.0.0.1', `${REPLICA_FETCHER_CLIENT_PREFIX}2`);
    await client.send(apiVersionsApi, 3, versions);
    await replica.send(apiVersionsApi, 3, versions);
    inj.isolate(1, 'clients');
    await client.closed;
    expect((await replica.send(apiVersionsApi, 3, versions)).errorCode).toBe(0);
    inj.pause(1);
    const held = replica.send(apiVersionsApi, 3, versions);
    const raced = await Promise.race([held.then(() => 'answered'), sleep(300).then(() => 'silent')]);
    expect(raced).toBe('silent');
    inj.heal(1);
    expect((await held).errorCode).toBe(0);
    expect(events.events().map((e) => e.detail?.fault)).toEqual(['isolate', 'pause', 'heal']);
    replica.close();
  });
});
