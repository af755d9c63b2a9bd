/** The local cluster's status readout (LocalClusterControl.status): per broker, from the slots and the controller's image. */
import type { ControllerRuntime } from './controller-runtime.js';
import type { LocalBrokerStatus, LocalClusterStatus } from './control.js';
import { isolationOf } from './fault-injector.js';
import type { BrokerSlot } from './local-cluster.js';

export function clusterStatus(controller: ControllerRuntime, slots: readonly BrokerSlot[], bootstrap: string, dataDir: string): LocalClusterStatus {
  const image = controller.image;
  const leaders = new Map<number, number>();
  const replicas = new Map<number, number>();
  for (const t of image.topicsById.values()) {
    for (const p of t.partitions.values()) {
      if (p.leader !== -1) leaders.set(p.leader, (leaders.get(p.leader) ?? 0) + 1);
      for (const r of p.replicas) replicas.set(r, (replicas.get(r) ?? 0) + 1);
    }
  }
  const brokers = slots.map((s): LocalBrokerStatus => {
    const reg = image.brokers.get(s.nodeId);
    const addr = s.broker?.advertised;
    return {
      nodeId: s.nodeId, host: addr?.host ?? reg?.host ?? '127.0.0.1', port: addr?.port ?? (s.port >= 0 ? s.port : reg?.port ?? -1),
      state: s.state, fenced: reg === undefined || reg.fenced, paused: s.faults.current.paused, isolation: isolationOf(s.faults.current),
      fetchDelayMs: s.faults.current.fetchDelayMs, controller: controller.controllerId === s.nodeId,
      leaders: leaders.get(s.nodeId) ?? 0, replicas: replicas.get(s.nodeId) ?? 0,
    };
  });
  return { clusterId: controller.clusterId, controllerId: controller.controllerId, bootstrap, dataDir, brokers };
}
