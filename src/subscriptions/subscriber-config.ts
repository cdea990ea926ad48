// Configuration of the auto-subscriber function (template.yaml's `Subscriber`, present when
// AutoSubscribeLogGroups is true), read like the forwarder's: one pass, every problem reported at once, and the
// names read returned so the agreement test can check template.yaml against them.
import { ConfigError } from '../errors.js';
import { EnvReader, type Env } from '../config/env-reader.js';
import { functionLogGroup, parseTagFilter, type LogGroupSelector } from './log-group-selector.js';

export interface SubscriberConfig {
  readonly destinationArn: string;
  readonly filterPattern: string;
  readonly selector: LogGroupSelector;
}

const list = (value: string | undefined): string[] =>
  (value ?? '')
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v !== '');

export function readSubscriberConfigTracked(env: Env): { config: SubscriberConfig; names: ReadonlySet<string> } {
  const reader = new EnvReader(env);
  const destinationArn = reader.string('FORWARDER_SUBSCRIBE_DESTINATION_ARN', '');
  if (!destinationArn.startsWith('arn:')) {
    reader.problem('FORWARDER_SUBSCRIBE_DESTINATION_ARN must be the forwarder function ARN.');
  }
  const own = functionLogGroup(destinationArn);
  const config: SubscriberConfig = {
    destinationArn,
    filterPattern: reader.raw('FORWARDER_SUBSCRIBE_FILTER_PATTERN') ?? '',
    selector: {
      prefixes: list(reader.raw('FORWARDER_SUBSCRIBE_LOG_GROUP_PREFIXES')),
      pattern: reader.regex('FORWARDER_SUBSCRIBE_LOG_GROUP_PATTERN'),
      tags: Object.fromEntries(list(reader.raw('FORWARDER_SUBSCRIBE_LOG_GROUP_TAGS')).map(parseTagFilter)),
      excluded: [...list(reader.raw('FORWARDER_SUBSCRIBE_EXCLUDED_LOG_GROUPS')), ...(own ? [own] : [])],
    },
  };
  if (reader.problems.length > 0) throw new ConfigError(reader.problems);
  return { config, names: reader.names };
}
