/** Server data for the cluster switcher: the profiles from `clusters.list`. */
import { useCoreQuery } from '../../api/use-core-query.js';

export function useClusters() {
  return useCoreQuery('clusters.list', {});
}
