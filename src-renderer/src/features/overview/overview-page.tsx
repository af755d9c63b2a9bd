/** The Overview section: the core's identity and its resource use. Cluster cards join when clusters exist. */
import { CoreCard } from './core-card.js';
import { MetricsCard } from './metrics-card.js';

export function OverviewPage() {
  return (
    <div className="overview-grid">
      <MetricsCard />
      <CoreCard />
    </div>
  );
}
