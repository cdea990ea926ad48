// What `forwarder subscribe` and `forwarder unsubscribe` run (subscribe.ts defines them): loaded only when they
// run, with the AWS SDK.
import { parseTagFilter, type LogGroupSelector } from '../subscriptions/log-group-selector.js';
import { SdkLogsApi, type OnPage } from '../subscriptions/logs-api.js';
import {
  changes,
  subscribeLogGroups,
  unsubscribeLogGroups,
  type GroupOutcome,
} from '../subscriptions/subscribe-log-groups.js';
import { UsageError, type Io } from './args.js';
import { explainAwsError } from './aws.js';
import type { CommandContext } from './command.js';
import { confirmWholeRegion, openForwarderTarget, type ForwarderTarget } from './forwarder-target.js';

type Values = CommandContext['values'];

export async function runSubscribe({ values, env, io }: CommandContext): Promise<number> {
  const selector = readSelection(values);
  const moveFrom = values['move-from'] as string | undefined;
  if (moveFrom !== undefined && !/^arn:aws[a-z-]*:/.test(moveFrom)) {
    throw new UsageError(`--move-from must be the other forwarder's ARN, got '${moveFrom}'.`);
  }
  return withTarget(values, env, io, async (target) => {
    const apply = values.apply === true;
    const options = {
      selector: { ...selector, excluded: target.excluded },
      destinationArn: target.arn,
      filterPattern: (values['filter-pattern'] as string | undefined) ?? '',
      moveFrom,
      apply,
    };
    if (apply && moveFrom === undefined && wholeRegion(selector)) {
      const what = `This subscribes every log group of ${target.region} (no --prefix, --pattern or --tag) to ${target.arn}`;
      if (!(await confirmWholeRegion(io, values.yes === true, what))) return 1;
    }
    const api = new SdkLogsApi(target.clients.logs, pageProgress(io));
    return report(subscribeLogGroups(api, options), target, io, apply, moveFrom ? MOVE_WORDS : SUBSCRIBE_WORDS);
  });
}

export async function runUnsubscribe({ values, env, io }: CommandContext): Promise<number> {
  const selector = readSelection(values);
  return withTarget(values, env, io, async (target) => {
    const apply = values.apply === true;
    if (apply && wholeRegion(selector)) {
      const what = `This removes the subscriptions to ${target.arn} from every log group of ${target.region}`;
      if (!(await confirmWholeRegion(io, values.yes === true, what))) return 1;
    }
    const api = new SdkLogsApi(target.clients.logs, pageProgress(io));
    const options = { selector: { ...selector, excluded: target.excluded }, destinationArn: target.arn, apply };
    return report(unsubscribeLogGroups(api, options), target, io, apply, UNSUBSCRIBE_WORDS);
  });
}

function readSelection(values: Values): LogGroupSelector {
  let pattern: RegExp | undefined;
  try {
    pattern = values.pattern === undefined ? undefined : new RegExp(values.pattern as string);
  } catch (error) {
    throw new UsageError(`--pattern is not a valid regular expression: ${(error as Error).message}`);
  }
  return {
    prefixes: (values.prefix as string[] | undefined) ?? [],
    pattern,
    tags: Object.fromEntries(((values.tag as string[] | undefined) ?? []).map(parseTagFilter)),
    excluded: [],
  };
}

const wholeRegion = (s: LogGroupSelector) =>
  s.prefixes.length === 0 && s.pattern === undefined && Object.keys(s.tags).length === 0;

async function withTarget(
  values: Values,
  env: Readonly<Record<string, string | undefined>>,
  io: Io,
  run: (target: ForwarderTarget) => Promise<number>,
): Promise<number> {
  const target = await openForwarderTarget(values, env, io);
  try {
    return await run(target);
  } finally {
    target.clients.destroy();
  }
}

/** Listing progress on stderr: the first page, then at most every two seconds. */
function pageProgress(io: Io): OnPage {
  let lastMs = 0;
  return ({ pages, groups, prefix }) => {
    const now = Date.now();
    if (pages > 1 && now - lastMs < 2_000) return;
    lastMs = now;
    io.err(`Listing log groups${prefix ? ` under ${prefix}` : ''}: ${groups} so far (${pages} page(s))…`);
  };
}

interface Words {
  readonly done: string;
  readonly planned: string;
  readonly unchanged: string;
}
const SUBSCRIBE_WORDS: Words = { done: 'subscribed', planned: 'to subscribe', unchanged: 'already subscribed' };
const MOVE_WORDS: Words = { done: 'moved', planned: 'to move', unchanged: 'unchanged' };
const UNSUBSCRIBE_WORDS: Words = { done: 'unsubscribed', planned: 'to unsubscribe', unchanged: 'unchanged' };

async function report(
  outcomes: AsyncIterable<GroupOutcome>,
  target: ForwarderTarget,
  io: Io,
  apply: boolean,
  words: Words,
): Promise<number> {
  if (!apply) io.out('Dry run: nothing will be changed. Run again with --apply to make these changes.');
  const counts = { changed: 0, unchanged: 0, skipped: 0, failed: 0 };
  try {
    for await (const outcome of outcomes) {
      if (outcome.action.kind === 'ignore') continue;
      io.out(describe(outcome, apply));
      if (outcome.error) counts.failed++;
      else if (changes(outcome.action)) counts.changed++;
      else if (outcome.action.kind === 'keep') counts.unchanged++;
      else counts.skipped++;
    }
  } catch (error) {
    const why = explainAwsError(error, 'listing log groups', target.clients.endpoints.logs, target.requestTimeoutMs);
    throw new Error(`${why} (after ${counts.changed} ${apply ? words.done : words.planned})`);
  }
  io.out(
    `${counts.changed} ${apply ? words.done : words.planned}, ${counts.unchanged} ${words.unchanged}, ` +
      `${counts.skipped} skipped, ${counts.failed} failed.`,
  );
  return counts.failed > 0 ? 1 : 0;
}

function describe(outcome: GroupOutcome, apply: boolean): string {
  const { action, logGroupName } = outcome;
  if (outcome.error) return `failed          ${logGroupName}: ${outcome.error}`;
  const verb = (done: string, would: string) => (apply ? done : would).padEnd(15);
  switch (action.kind) {
    case 'create':
      return `${verb('subscribed', 'would subscribe')} ${logGroupName}${action.note ? ` (${action.note})` : ''}`;
    case 'update':
      return `${verb('updated', 'would update')} ${logGroupName} (${action.reason})`;
    case 'move':
      return `${verb('moved', 'would move')} ${logGroupName} (${action.reason})`;
    case 'delete':
      return `${verb('removed', 'would remove')} ${logGroupName} (${action.reason})`;
    case 'keep':
      return `unchanged       ${logGroupName} (${action.reason})`;
    case 'skip':
      return `skipped         ${logGroupName} (${action.reason})`;
    case 'ignore':
      return '';
  }
}
