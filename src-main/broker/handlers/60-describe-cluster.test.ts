import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KafkaError } from '../../protocol/index.js';
import describeClusterApi from '../../protocol/schema/60-describe-cluster.js';
import { KafkaTestClient } from '../test-support/kafka-test-client.js';
import { startTestBroker, type TestBroker } from '../test-support/test-broker.js';

describe('60-describe-cluster over TCP', () => {
  let tb: TestBroker;
  let c: KafkaTestClient;
  beforeAll(async () => {
    tb = await startTestBroker({ advertisedHost: 'kafka.local', advertisedPort: 29092 });
    c = await KafkaTestClient.connect(tb.broker.port);
  });
  afterAll(async () => { c.close(); await tb.cleanup(); });

  it.each([0, 1])('v%i returns the cluster id, controller and advertised brokers', async (v) => {
    const res = await c.send(describeClusterApi, v, { includeClusterAuthorizedOperations: false, endpointType: 1 });
    expect(res).toMatchObject({
      errorCode: 0, errorMessage: null, clusterId: tb.broker.clusterId, controllerId: tb.broker.nodeId,
      brokers: [{ brokerId: tb.broker.nodeId, host: 'kafka.local', port: 29092, rack: null }],
      clusterAuthorizedOperations: -2147483648,
    });
  });

  it('reports authorized operations when asked', async () => {
    const res = await c.send(describeClusterApi, 1, { includeClusterAuthorizedOperations: true, endpointType: 1 });
    expect(res.clusterAuthorizedOperations & (1 << 8)).not.toBe(0); // DESCRIBE
    expect(res.clusterAuthorizedOperations & (1 << 12)).not.toBe(0); // IDEMPOTENT_WRITE
  });

  it('refuses the controller endpoint type with UNSUPPORTED_ENDPOINT_TYPE', async () => {
    const res = await c.send(describeClusterApi, 1, { includeClusterAuthorizedOperations: false, endpointType: 2 });
    expect(res).toMatchObject({ errorCode: KafkaError.UNSUPPORTED_ENDPOINT_TYPE.code, endpointType: 2, brokers: [] });
    expect(res.errorMessage).toMatch(/broker endpoint type/);
  });
});
