/**
 * The live timeline of the cluster's metadata events (leader changes, ISR shrink/expand with the reason,
 * controller moves, fencing, faults), newest first, each with its time and cause; filterable by kind and topic.
 */
import { useMemo, useState } from 'react';
import type { CoreError } from '../../lib/core-error.js';
import { ALL_KINDS, KIND_LABELS, WARN_KINDS, eventChange, eventKey, eventSubject, filterEvents } from './timeline.js';
import type { ClusterEventKind, LocalClusterEvent } from './types.js';

/** Rows rendered at once; the rest stay in memory and show when the filter narrows. */
export const TIMELINE_RENDER_LIMIT = 300;

function clock(ms: number): string {
  const d = new Date(ms);
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}.${p(d.getMilliseconds(), 3)}`;
}

export function EventTimeline({ events, streamError, running }: { events: LocalClusterEvent[]; streamError?: CoreError; running: boolean }) {
  const [kinds, setKinds] = useState<ReadonlySet<ClusterEventKind>>(new Set());
  const [topic, setTopic] = useState('');
  const shown = useMemo(() => filterEvents(events, { kinds, topic }), [events, kinds, topic]);
  const toggle = (k: ClusterEventKind) => {
    const next = new Set(kinds);
    if (next.has(k)) next.delete(k); else next.add(k);
    setKinds(next);
  };
  return (
    <section className="card" data-testid="cluster-timeline">
      <header className="card-header">
        <h2>Timeline</h2>
        <span className="card-sub">{shown.length === events.length ? `${events.length} events` : `${shown.length} of ${events.length} events`}</span>
        <span className="spacer" />
        <input type="search" className="timeline-topic" aria-label="Filter events by topic" placeholder="Topic…" value={topic} onChange={(e) => setTopic(e.target.value)} />
      </header>
      <div className="kind-filter" role="group" aria-label="Event kinds">
        {ALL_KINDS.map((k) => (
          <button key={k} type="button" className={`chip${kinds.has(k) ? ' chip-on' : ''}`} aria-pressed={kinds.has(k)} onClick={() => toggle(k)}>{KIND_LABELS[k]}</button>
        ))}
        {kinds.size > 0 && <button type="button" className="btn btn-ghost" onClick={() => setKinds(new Set())}>All kinds</button>}
      </div>
      {streamError && <div className="inline-error" role="alert">Live events stopped: {streamError.message} ({streamError.code}). Reload the page to subscribe again.</div>}
      {shown.length === 0
        ? <div className="muted pad" data-testid="timeline-empty">{!running ? 'The cluster is stopped: start it to see its events.' : events.length === 0 ? 'No events yet. Stop, kill or slow a broker to see leaders and ISRs move.' : 'No event matches the filter.'}</div>
        : (
          <ol className="timeline" data-testid="timeline-list">
            {shown.slice(0, TIMELINE_RENDER_LIMIT).map((e) => (
              <li key={eventKey(e)} className={`timeline-row${WARN_KINDS.has(e.kind) ? ' timeline-warn' : ''}`} data-testid="timeline-event" data-kind={e.kind}>
                <time className="mono muted" dateTime={new Date(e.time).toISOString()}>{clock(e.time)}</time>
                <span className={`badge kind-${e.kind}`}>{KIND_LABELS[e.kind]}</span>
                <span className="mono">{eventSubject(e)}</span>
                <span className="timeline-change">{eventChange(e)}</span>
                <span className="timeline-cause" title="cause">{e.cause}</span>
              </li>
            ))}
            {shown.length > TIMELINE_RENDER_LIMIT && <li className="muted pad">{shown.length - TIMELINE_RENDER_LIMIT} older events not shown: narrow the filter.</li>}
          </ol>
        )}
    </section>
  );
}
