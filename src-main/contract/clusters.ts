/** The `clusters.*` domain: the connection profiles the workbench can switch between. */
import { z } from 'zod';
import { method } from './define.js';

export interface ClusterSummary {
  id: string;
  name: string;
  kind: 'local' | 'external';
  bootstrap: string;
  status: 'connected' | 'connecting' | 'disconnected' | 'error';
  /** Set when status is 'error': what happened and what to do next. */
  error?: string;
}

export const clustersContract = {
  'clusters.list': method<ClusterSummary[]>()(z.object({}).strict(),
    'Cluster profiles: the embedded local cluster first, then external ones.'),
} as const;
