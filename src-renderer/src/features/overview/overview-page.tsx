/** The Overview section: the active cluster's health, brokers and throughput, then the core's identity and its resource use. */
import { ClusterOverviewCards } from '../brokers/index.js';
import { CoreCard } from './core-card.js';
import { MetricsCard } from './metrics-card.js';
import { ThroughputCard } from './throughput-card.js';

export function OverviewPage() {
  return (
    <>
      <div className="overview-cluster"><ClusterOverviewCards /></div>
      <div className="overview-grid">
        <ThroughputCard />
        <MetricsCard />
        <CoreCard />
      </div>
    </>
  );
}
