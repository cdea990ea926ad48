// The Lambda entry point. Secrets are resolved, configuration is read and clients are built on the first invocation
// of a container (never at import time) and reused; a failure to build them is not cached, so the next invocation
// tries again. Every invocation ends with one summary line, including one that throws (a configuration error, an
// event of unknown shape, a malformed payload, what could not be delivered): that line names the error's class.
import { systemClock } from './clock.js';
import type { Env } from './config/index.js';
import { InvocationDeadline } from './deadline.js';
import { loadDeps, type Deps, type DepsOverrides } from './deps.js';
import { DeliveryError, errorClass, errorMessage } from './errors.js';
import { forward } from './forward.js';
import { log } from './log.js';
import { batchResponse } from './sources/batch-response.js';
import { classifyEvent, isBatch, type Trigger } from './sources/trigger.js';
import { mapStackTracesOnDemand } from './stack-traces.js';
import { summarize, type InvocationSummary } from './summary.js';
import { Tally } from './tally.js';
import type { InvocationContext } from './types.js';

export type Handler = (event: unknown, context: InvocationContext) => Promise<unknown>;

export function createHandler(env: Env = process.env, overrides: DepsOverrides = {}): Handler {
  let deps: Promise<Deps> | undefined;
  // Started before the first invocation's secrets are read, so that those reads are held to its deadline too.
  const deadline = overrides.deadline ?? new InvocationDeadline(overrides.clock ?? systemClock);
  return async (event, context) => {
    const tally = new Tally();
    let logger = overrides.logger ?? log;
    let summary: InvocationSummary | undefined;
    try {
      deadline.of(context);
      deps ??= loadDeps(env, { ...overrides, deadline }).catch((error: unknown) => {
        deps = undefined;
        throw error;
      });
      const ready = await deps;
      logger = ready.logger;
      const trigger = classifyEvent(event);
      summary = await forward(trigger, context, ready, tally);
      const response = respond(trigger, summary, ready);
      logger.info('Invocation summary.', { ...summary });
      return response;
    } catch (error) {
      const failure = { errorClass: errorClass(error), error: errorMessage(error) };
      logger.error('Invocation summary.', { ...(summary ?? summarize(tally, [])), ...failure });
      throw error;
    }
  };
}

function respond(trigger: Trigger, summary: InvocationSummary, deps: Deps): unknown {
  if (isBatch(trigger)) return batchResponse(summary, deps.config.sources.reportBatchItemFailures);
  return failUnlessDelivered(summary, deps.config.failedEvents.enabled);
}

/** Fails the invocation when something could be neither delivered nor stored, so Lambda retries it. */
function failUnlessDelivered(summary: InvocationSummary, storing: boolean): unknown {
  if (summary.retryableSourceFailures > 0) {
    throw new DeliveryError(
      `${summary.retryableSourceFailures} record(s) could not be read (see the error logged above). ` +
        'The invocation fails so that Lambda retries it.',
    );
  }
  if (summary.failed === 0) return { status: 'ok', forwarded: summary.forwarded };
  throw new DeliveryError(
    `${summary.failed} item(s) could be neither delivered nor stored (${summary.lastError ?? 'unknown error'}). ` +
      'The invocation fails so that Lambda retries it' +
      (storing ? '.' : '; set DD_STORE_FAILED_EVENTS to keep them for replay instead.'),
  );
}

// The Lambda entry: its stack traces point at src/ (stack-traces.ts).
mapStackTracesOnDemand();
export const handler = createHandler();
