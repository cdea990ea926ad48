// Errors the forwarder throws on purpose. Each message says what was wrong and, where the fix is the
// operator's, what to do.

/** Bad configuration, found at start-up. Lists every problem at once. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(
      `Invalid configuration (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n- ${problems.join('\n- ')}`,
    );
    this.name = 'ConfigError';
  }
}

/** An event whose shape no source recognises. */
export class UnsupportedEventError extends Error {
  constructor(readonly seen: string) {
    super(
      `Unsupported event: ${seen}. Forwarder accepts CloudWatch Logs subscriptions, S3 notifications (direct, SNS, SQS, EventBridge), SNS, SQS, Kinesis, EventBridge events and JSON objects.`,
    );
    this.name = 'UnsupportedEventError';
  }
}

/** A payload that could not be decoded (bad base64, gzip, JSON or shape). */
export class MalformedPayloadError extends Error {
  constructor(
    readonly what: string,
    readonly detail: string,
  ) {
    super(`Malformed ${what}: ${detail}`);
    this.name = 'MalformedPayloadError';
  }
}

/** A payload that would decompress to more than the function's memory allows (a gzip bomb, or far too large). */
export class PayloadTooLargeError extends MalformedPayloadError {
  constructor(what: string, limitBytes: number) {
    super(
      what,
      `it decompresses to more than ${Math.round(limitBytes / (1024 * 1024))} MB, the limit for this function's memory ` +
        '(an eighth of AWS_LAMBDA_FUNCTION_MEMORY_SIZE, at most 256 MB); if such payloads are genuine, give the function more memory',
    );
    this.name = 'PayloadTooLargeError';
  }
}

/** Logs, metrics or traces that could be neither delivered nor stored: the invocation fails so Lambda retries it. */
export class DeliveryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DeliveryError';
  }
}

/** The class of anything thrown (`ConfigError`, `RangeError`, ...), for the summary line; errors from another realm included. */
export function errorClass(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'name' in error) return String(error.name);
  return typeof error;
}

/** The message of anything thrown (errors from another realm, such as a test VM, included). */
export function errorMessage(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'message' in error) return String(error.message);
  return String(error);
}
