export { GroupsPage } from './groups-page.js';
export { StateBadge } from './state-badge.js';
export { useLagStream } from './use-groups.js';
export { useLagStore } from './lag-store.js';
