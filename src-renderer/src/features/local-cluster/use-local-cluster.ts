/**
 * The Local Cluster screen's live data: the cluster info (pushed by `localCluster.state` on start/stop),
 * the replication internals and broker status reloaded when an event arrives on `localCluster.events`
 * (coalesced, never polled), and the event timeline (backlog then live, merged across restarts).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { toCoreError, type CoreError } from '../../lib/core-error.js';
import { useConnectionStore } from '../../stores/connection-store.js';
import { mergeEvents } from './timeline.js';
import type { LocalClusterEvent, LocalClusterInfo, LocalClusterPort, PartitionReplication } from './types.js';

/** Events arrive in bursts (a kill fences, moves leaders, shrinks ISRs): one reload per burst. */
export const RELOAD_COALESCE_MS = 150;

export interface LocalClusterData {
  info: LocalClusterInfo | undefined;
  error: CoreError | undefined;
  replication: PartitionReplication[] | undefined;
  replicationError: CoreError | undefined;
  events: LocalClusterEvent[];
  streamError: CoreError | undefined;
  /** Reloads status and replication now. */
  reload(): void;
  /** Runs an action that answers with the new info; returns its error, or null. */
  run(action: () => Promise<LocalClusterInfo>): Promise<CoreError | null>;
}

export function useLocalCluster(port: LocalClusterPort): LocalClusterData {
  const connectedAt = useConnectionStore((s) => s.connectedAt);
  const [info, setInfo] = useState<LocalClusterInfo>();
  const [error, setError] = useState<CoreError>();
  const [replication, setReplication] = useState<PartitionReplication[]>();
  const [replicationError, setReplicationError] = useState<CoreError>();
  const [events, setEvents] = useState<LocalClusterEvent[]>([]);
  const [streamError, setStreamError] = useState<CoreError>();
  const live = useRef(true);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  // Answers can overtake each other; only the newest load may write.
  const loadSeq = useRef(0);

  const loadReplication = useCallback(async (mine: number) => {
    try {
      const r = await port.replication();
      if (live.current && mine === loadSeq.current) { setReplication(r); setReplicationError(undefined); }
    } catch (err) {
      if (live.current && mine === loadSeq.current) setReplicationError(toCoreError(err));
    }
  }, [port]);

  /** New info from any source: an action's answer, the state stream or a status call. */
  const accept = useCallback((i: LocalClusterInfo, mine = ++loadSeq.current) => {
    if (!live.current || mine !== loadSeq.current) return;
    setInfo(i);
    setError(undefined);
    if (i.running) void loadReplication(mine);
    else { setReplication(undefined); setReplicationError(undefined); }
  }, [loadReplication]);

  const load = useCallback(async () => {
    const mine = ++loadSeq.current;
    try {
      accept(await port.status(), mine);
    } catch (err) {
      if (live.current && mine === loadSeq.current) setError(toCoreError(err));
    }
  }, [port, accept]);

  const scheduleLoad = useCallback(() => {
    if (timer.current !== null) return;
    timer.current = setTimeout(() => { timer.current = null; void load(); }, RELOAD_COALESCE_MS);
  }, [load]);

  useEffect(() => {
    live.current = true;
    return () => {
      live.current = false;
      if (timer.current !== null) clearTimeout(timer.current);
      timer.current = null;
    };
  }, []);

  useEffect(() => {
    if (connectedAt === 0) return undefined;
    void load();
    setStreamError(undefined);
    const offState = port.state((i) => accept(i), (err) => setStreamError(toCoreError(err)));
    const offEvents = port.events((e) => {
      setEvents((cur) => mergeEvents(cur, [e]));
      scheduleLoad();
    }, (err) => setStreamError(toCoreError(err)));
    return () => { offState(); offEvents(); };
  }, [port, connectedAt, load, accept, scheduleLoad]);

  const run = useCallback(async (action: () => Promise<LocalClusterInfo>) => {
    try {
      accept(await action());
      return null;
    } catch (err) {
      void load();
      return toCoreError(err);
    }
  }, [accept, load]);

  return { info, error, replication, replicationError, events, streamError, reload: () => void load(), run };
}
