export * from './handlers.js';
export * from './metrics-sampler.js';
export * from './system-service.js';
export * from './cluster-registry.js';
export * from './clusters-service.js';
export * from './topics-service.js';
