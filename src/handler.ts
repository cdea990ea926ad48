// The Lambda entry point. Secrets are resolved, configuration is read and clients are built on the first invocation
// of a container (never at import time) and reused; a failure to build them is not cached, so the next invocation
// tries again.
import { systemClock } from './clock.js';
import type { Env } from './config/index.js';
import { InvocationDeadline } from './deadline.js';
import { loadDeps, type Deps, type DepsOverrides } from './deps.js';
import { DeliveryError } from './errors.js';
import { forward } from './forward.js';
import { batchResponse, batchTrigger } from './sources/batch-response.js';
import type { InvocationSummary } from './summary.js';
import type { InvocationContext } from './types.js';

export type Handler = (event: unknown, context: InvocationContext) => Promise<unknown>;

export function createHandler(env: Env = process.env, overrides: DepsOverrides = {}): Handler {
  let deps: Promise<Deps> | undefined;
  // Started before the first invocation's secrets are read, so that those reads are held to its deadline too.
  const deadline = overrides.deadline ?? new InvocationDeadline(overrides.clock ?? systemClock);
  return async (event, context) => {
    deadline.of(context);
    deps ??= loadDeps(env, { ...overrides, deadline }).catch((error: unknown) => {
      deps = undefined;
      throw error;
    });
    const ready = await deps;
    const summary = await forward(event, context, ready);
    ready.logger.info('Invocation summary.', { ...summary });
    const trigger = batchTrigger(event);
    if (trigger !== undefined) return batchResponse(summary, ready.config.sources.reportBatchItemFailures);
    return respond(summary, ready.config.failedEvents.enabled);
  };
}

/** Fails the invocation when something could be neither delivered nor stored, so Lambda retries it. */
function respond(summary: InvocationSummary, storing: boolean): unknown {
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

export const handler = createHandler();
