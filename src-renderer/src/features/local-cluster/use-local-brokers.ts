/**
 * The local cluster's brokers as its control sees them (including stopped and killed ones, which Kafka's
 * metadata leaves out), for the Brokers and Overview screens; reloaded whenever `pulse` changes.
 */
import { useEffect, useState } from 'react';
import { useConnectionStore } from '../../stores/connection-store.js';
import { corePort } from './core-port.js';
import { LOCAL_CLUSTER_ID, type LocalBrokerStatus, type LocalClusterPort } from './types.js';

export function useLocalBrokers(clusterId: string | null, pulse: number, port: LocalClusterPort = corePort): LocalBrokerStatus[] | undefined {
  const connected = useConnectionStore((s) => s.connectedAt > 0);
  const [brokers, setBrokers] = useState<LocalBrokerStatus[]>();
  const enabled = connected && clusterId === LOCAL_CLUSTER_ID;
  useEffect(() => {
    if (!enabled) { setBrokers(undefined); return undefined; }
    let live = true;
    port.status().then(
      (i) => { if (live) setBrokers(i.status?.brokers); },
      // Without the control's view the screens show Kafka's metadata alone.
      () => { if (live) setBrokers(undefined); },
    );
    return () => { live = false; };
  }, [enabled, pulse, port]);
  return brokers;
}
