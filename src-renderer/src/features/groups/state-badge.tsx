/** A consumer group's state as a coloured badge (Stable, Empty, rebalancing, Dead). */

export function StateBadge({ state }: { state: string }) {
  const tone = state === 'Stable' ? 'ok' : state === 'Empty' ? 'idle' : state === 'Dead' ? 'bad' : 'warn';
  return <span className={`badge badge-${tone}`} data-testid="group-state">{state}</span>;
}
