// readConfig(env): the one place configuration is parsed. Pure: it takes a plain object (tests pass literals),
// validates everything, and throws one ConfigError listing every problem. The result is deeply frozen.
// Every variable is documented in docs/configuration.md; test/unit/config/agreement.test.ts keeps this file,
// the docs and template.yaml in agreement.
import { ConfigError } from '../errors.js';
import { parseLogLevel, type LogLevel } from '../log.js';
import { readApiKey, type ApiKeySource } from './api-key.js';
import { readEnrichment, type EnrichmentConfig } from './enrichment.js';
import { EnvReader, type Env } from './env-reader.js';
import { readAdditionalTargetLambdas } from './fanout.js';
import { readIntake, type IntakeConfig } from './intake.js';
import { readLogs, type LogsConfig } from './logs.js';
import { readMetrics, type MetricsConfig } from './metrics.js';
import { readTraces, type TracesConfig } from './traces.js';
import { readSources, type SourcesConfig } from './sources.js';
import { readAdditionalEndpoints, type AdditionalEndpointsConfig } from './additional-endpoints.js';
import { readFailedEvents, type FailedEventsConfig } from './failed-events.js';
import { readNetwork, type NetworkConfig } from './network.js';
import { readRouting, type RoutingConfig } from './routing.js';

export type { Env } from './env-reader.js';
export type { LogsConfig, ScrubbingRule } from './logs.js';
export type { MetricsConfig } from './metrics.js';
export type { EnrichmentConfig } from './enrichment.js';
export type { RoutingConfig, RulesLocation } from './routing.js';

export interface Config {
  readonly apiKey: ApiKeySource;
  readonly logLevel: LogLevel;
  readonly intake: IntakeConfig;
  readonly logs: LogsConfig;
  /** DD_ADDITIONAL_TARGET_LAMBDAS: functions that receive every event, unmodified. */
  readonly additionalTargetLambdas: readonly string[];
  readonly metrics: MetricsConfig;
  readonly traces: TracesConfig;
  readonly enrichment: EnrichmentConfig;
  readonly sources: SourcesConfig;
  readonly failedEvents: FailedEventsConfig;
  readonly additionalEndpoints: AdditionalEndpointsConfig;
  readonly network: NetworkConfig;
  /** Routing rules: FORWARDER_ROUTING_RULES (docs/routing.md). */
  readonly routing: RoutingConfig;
}

export function readConfig(env: Env): Config {
  return readConfigTracked(env).config;
}

/** readConfig, also returning the names of every variable it read (for the agreement test). */
export function readConfigTracked(env: Env): { config: Config; names: ReadonlySet<string> } {
  const reader = new EnvReader(env);
  const intake = readIntake(reader);
  const network = readNetwork(reader);
  const config: Config = {
    apiKey: readApiKey(reader),
    logLevel: readLogLevel(reader),
    intake,
    logs: readLogs(reader),
    additionalTargetLambdas: readAdditionalTargetLambdas(reader),
    metrics: readMetrics(reader),
    traces: readTraces(reader),
    enrichment: readEnrichment(reader, intake.logsHeaders['DD-STORAGE-TAG']?.split(',') ?? []),
    sources: readSources(reader, network.useVpc),
    failedEvents: readFailedEvents(reader),
    additionalEndpoints: readAdditionalEndpoints(reader),
    network,
    routing: readRouting(reader),
  };
  if (reader.problems.length > 0) throw new ConfigError(reader.problems);
  return { config: deepFreeze(config), names: reader.names };
}

function readLogLevel(env: EnvReader): LogLevel {
  const raw = env.raw('DD_LOG_LEVEL');
  const level = parseLogLevel(raw);
  if (level === undefined) {
    env.problem(`DD_LOG_LEVEL must be one of debug, info, warn, error, got ${JSON.stringify(raw)}.`);
    return 'info';
  }
  return level;
}

/** Freezes plain objects and arrays; compiled patterns (RegExp, PythonRegex, GoRegex) keep their own state. */
function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  const prototype: unknown = Object.getPrototypeOf(value);
  if (Array.isArray(value) || prototype === Object.prototype || prototype === null) {
    Object.freeze(value);
    for (const child of Object.values(value as object)) deepFreeze(child);
  }
  return value;
}
