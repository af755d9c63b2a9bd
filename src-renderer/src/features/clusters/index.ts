export { ClusterSwitcher } from './cluster-switcher.js';
