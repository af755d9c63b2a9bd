export { LocalClusterPage } from './local-cluster-page.js';
