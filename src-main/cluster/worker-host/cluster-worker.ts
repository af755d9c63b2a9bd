/**
 * The worker thread's entry (built to out/main/cluster-worker.js): serves a LocalCluster to the app's
 * ClusterHost. Kept to this one line so the bundle has a stable entry to point a Worker at.
 */
import { LocalCluster } from '../local-cluster.js';
import { serveCluster } from './worker-serve.js';

void serveCluster((options) => LocalCluster.start(options));
