// readConfig(env): the one place configuration is parsed. Pure: it takes a plain object (tests pass literals),
// validates everything, and throws one ConfigError listing every problem. The result is deeply frozen.
// Every variable is documented in docs/configuration.md; test/unit/config/agreement.test.ts keeps this file,
// the docs and template.yaml in agreement.
import { ConfigError } from '../errors.js';
import { parseLogLevel, type LogLevel } from '../log.js';
import { EnvReader, type Env } from './env-reader.js';
import { readIntake, type IntakeConfig } from './intake.js';
import { readLogs, type LogsConfig } from './logs.js';
import { readAdditionalEndpoints, type AdditionalEndpointsConfig } from './additional-endpoints.js';
import { readFailedEvents, type FailedEventsConfig } from './failed-events.js';
import { readNetwork, type NetworkConfig } from './network.js';

export type { Env } from './env-reader.js';
export type { IntakeConfig } from './intake.js';
export type { LogsConfig, ScrubbingRule } from './logs.js';

/** Where the API key comes from; resolved once per container by deps.ts. */
export type ApiKeySource = { readonly kind: 'plain'; readonly value: string };

export interface Config {
  readonly apiKey: ApiKeySource;
  readonly logLevel: LogLevel;
  readonly intake: IntakeConfig;
  readonly logs: LogsConfig;
  readonly failedEvents: FailedEventsConfig;
  readonly additionalEndpoints: AdditionalEndpointsConfig;
  readonly network: NetworkConfig;
}

/** Datadog API keys are 32 alphanumeric characters. */
export const API_KEY_PATTERN = /^[A-Za-z0-9]{32}$/;

export function readConfig(env: Env): Config {
  return readConfigTracked(env).config;
}

/** readConfig, also returning the names of every variable it read (for the agreement test). */
export function readConfigTracked(env: Env): { config: Config; names: ReadonlySet<string> } {
  const reader = new EnvReader(env);
  const config: Config = {
    apiKey: readApiKey(reader),
    logLevel: readLogLevel(reader),
    intake: readIntake(reader),
    logs: readLogs(reader),
    failedEvents: readFailedEvents(reader),
    additionalEndpoints: readAdditionalEndpoints(reader),
    network: readNetwork(reader),
  };
  if (reader.problems.length > 0) throw new ConfigError(reader.problems);
  return { config: deepFreeze(config), names: reader.names };
}

function readApiKey(env: EnvReader): ApiKeySource {
  const value = env.raw('DD_API_KEY')?.trim();
  if (value === undefined || value === '<YOUR_DATADOG_API_KEY>') {
    env.problem('DD_API_KEY is not set: set it to your Datadog API key (32 characters).');
    return { kind: 'plain', value: '' };
  }
  if (!API_KEY_PATTERN.test(value)) {
    // Say what is wrong with the key without printing it.
    env.problem(`DD_API_KEY must be 32 letters and digits (the value set has ${value.length} characters).`);
  }
  return { kind: 'plain', value };
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

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !(value instanceof RegExp) && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
