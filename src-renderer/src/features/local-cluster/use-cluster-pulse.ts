/**
 * Live updates for other screens (topic detail, overview, brokers): while the active cluster is the local
 * one, `pulse` grows once per burst of local-cluster events (only those that can affect `topic`, when given)
 * and on every start or stop, so a screen reloads its query on it; with a topic, that topic's replication
 * rows (HW, leader LEO) are reloaded on each burst too. Subscriptions only: no polling.
 */
import { useEffect, useRef, useState } from 'react';
import { useConnectionStore } from '../../stores/connection-store.js';
import { corePort } from './core-port.js';
import { affectsTopic } from './timeline.js';
import { LOCAL_CLUSTER_ID, type LocalClusterPort, type PartitionReplication } from './types.js';
import { RELOAD_COALESCE_MS } from './use-local-cluster.js';

export interface ClusterPulse {
  pulse: number;
  /** The topic's partitions as their leaders see them; undefined off the local cluster or when unreadable. */
  replication: PartitionReplication[] | undefined;
}

export function useLocalClusterPulse(clusterId: string | null, topic?: string, port: LocalClusterPort = corePort): ClusterPulse {
  const connected = useConnectionStore((s) => s.connectedAt > 0);
  const [pulse, setPulse] = useState(0);
  const [replication, setReplication] = useState<PartitionReplication[]>();
  const enabled = connected && clusterId === LOCAL_CLUSTER_ID;
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => {
    if (!enabled) { setReplication(undefined); return undefined; }
    let live = true;
    let seq = 0;
    const loadReplication = () => {
      if (topic === undefined) return;
      const mine = ++seq;
      port.replication(topic).then(
        (rows) => { if (live && mine === seq) setReplication(rows); },
        // Stopped cluster or a topic it does not know: the screen falls back to what clients see.
        () => { if (live && mine === seq) setReplication(undefined); },
      );
    };
    const burst = () => {
      if (timer.current !== null) return;
      timer.current = setTimeout(() => {
        timer.current = null;
        if (!live) return;
        setPulse((n) => n + 1);
        loadReplication();
      }, RELOAD_COALESCE_MS);
    };
    loadReplication();
    const offEvents = port.events((e) => { if (topic === undefined || affectsTopic(e, topic)) burst(); }, () => {});
    let first = true;
    // The state stream answers at once with the current info: only later infos are changes.
    const offState = port.state(() => { if (first) first = false; else burst(); }, () => {});
    return () => {
      live = false;
      offEvents();
      offState();
      if (timer.current !== null) clearTimeout(timer.current);
      timer.current = null;
    };
  }, [enabled, topic, port]);

  return { pulse, replication };
}
