export { GroupsPage } from './groups-page.js';
export { StateBadge } from './state-badge.js';
