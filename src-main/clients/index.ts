/** The clients layer's public door: profiles, secrets at rest, the connection pool and "Test connection". */
export * from './profile.js';
export * from './secret-box.js';
export * from './partition-stats.js';
export * from './profile-store.js';
export * from './kafka-backend.js';
export * from './kafkajs-backend.js';
export * from './connection-pool.js';
export { diagnose, type DiagnoseOptions } from './probe/diagnose.js';
export * from './groups-backend.js';
export * from './message-reader.js';
export * from './producer-backend.js';
export * from './murmur2.js';
export * from './wire-admin.js';
