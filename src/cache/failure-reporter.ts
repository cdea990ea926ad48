// How failed AWS calls behind the tag caches are told to the operator: AccessDenied once per missing permission
// per container, as one error line naming the IAM permission to add; throttling and other failures as warnings
// (stale tags are served meanwhile). Counts are kept for the tests and the invocation summary.
import type { Logger } from '../log.js';

type FailureKind = 'denied' | 'throttled' | 'failed';

export class FailureReporter {
  private readonly deniedPermissions = new Set<string>();
  readonly counts: Record<FailureKind, number> = { denied: 0, throttled: 0, failed: 0 };

  constructor(private readonly logger: Logger) {}

  /** `what` is the lookup that failed, `permission` the IAM action it needs (e.g. `tag:GetResources`). */
  report(what: string, permission: string, error: unknown): FailureKind {
    const kind = classifyAwsFailure(error);
    this.counts[kind]++;
    const fields = { lookup: what, permission, error: errorSummary(error) };
    if (kind === 'denied') {
      if (this.deniedPermissions.has(permission)) return kind;
      this.deniedPermissions.add(permission);
      this.logger.error(
        `Access denied: add the ${permission} permission to the forwarder's IAM role. Tags are served from the cache, or not at all, until then.`,
        fields,
      );
    } else if (kind === 'throttled') {
      this.logger.warn('AWS throttled a tag lookup; cached tags are served until it succeeds.', fields);
    } else {
      this.logger.warn('A tag lookup failed; cached tags are served until it succeeds.', fields);
    }
    return kind;
  }
}

const DENIED = new Set(['AccessDeniedException', 'AccessDenied', 'UnauthorizedOperation', 'UnauthorizedException']);
const THROTTLED = new Set([
  'ThrottlingException',
  'Throttling',
  'ThrottledException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'SlowDown',
]);

export function classifyAwsFailure(error: unknown): FailureKind {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } } | undefined;
  const status = e?.$metadata?.httpStatusCode;
  if ((e?.name !== undefined && DENIED.has(e.name)) || status === 403) return 'denied';
  if ((e?.name !== undefined && THROTTLED.has(e.name)) || status === 429) return 'throttled';
  return 'failed';
}

function errorSummary(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  return error.name && error.name !== 'Error' ? `${error.name}: ${error.message}` : error.message;
}
