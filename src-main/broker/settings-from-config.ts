/**
 * Builds a node's typed BrokerSettings from the user's Kafka settings (server.properties + --config), via
 * broker/config's loader: BrokerConfig validates every name and value (ConfigError otherwise) and
 * settingsFromBrokerConfig maps them, marking which names the user set so DescribeConfigs reports them as
 * static. Explicit arguments (the CLI's --port / --advertised-host, the cluster's data dir) win over
 * `listeners` / `advertised.listeners` / `log.dirs`.
 */
import { BrokerConfig, settingsFromBrokerConfig } from './config/index.js';
import { makeSettings, type BrokerSettings } from './settings.js';

export interface SettingsFromConfigInput {
  /** The user's static settings by Kafka name (not yet validated). */
  static: ReadonlyMap<string, string>;
  dataDir: string;
  nodeId: number;
  host?: string;
  port?: number;
  advertisedHost?: string;
  advertisedPort?: number;
}

export function settingsFromConfig(input: SettingsFromConfigInput): { settings: BrokerSettings; warnings: string[] } {
  const cfg = new BrokerConfig({ static: input.static, defaultNodeId: input.nodeId });
  const fromCfg = settingsFromBrokerConfig(cfg);
  const pick = <T>(explicit: T | undefined, configured: T | undefined) => (explicit !== undefined ? explicit : configured);
  const settings = makeSettings({
    ...fromCfg,
    dataDir: input.dataDir,
    host: pick(input.host, fromCfg.host),
    port: pick(input.port, fromCfg.port),
    advertisedHost: pick(input.advertisedHost, fromCfg.advertisedHost),
    advertisedPort: pick(input.advertisedPort, fromCfg.advertisedPort),
  });
  return { settings, warnings: cfg.warnings };
}
