// The Datadog Forwarder's recorded outputs (fixtures/conformance; its README says where each file comes from) and
// the way its harness redacted them, so our requests can be compared with the recorded ones.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const CONFORMANCE_DIR = join(__dirname, '..', '..', 'fixtures', 'conformance');

export interface RecordedRequest {
  readonly path: string;
  readonly verb: string;
  readonly headers: Record<string, string>;
  readonly data: unknown;
}

export interface ConformanceCase {
  readonly name: string;
  /** The CloudWatch Logs payload (decoded). */
  readonly payload: Record<string, unknown>;
  readonly recorded: RecordedRequest[];
}

export function conformanceCases(folder: string): ConformanceCase[] {
  const dir = join(CONFORMANCE_DIR, folder);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((file) => ({
      name: file.slice(0, -'.json'.length),
      payload: JSON.parse(readFileSync(join(dir, file), 'utf8')) as Record<string, unknown>,
      recorded: (JSON.parse(readFileSync(join(dir, `${file}~snapshot`), 'utf8')) as { events: RecordedRequest[] })
        .events,
    }));
}

const REDACTED = '<redacted from snapshot>';
const UUID = /[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}/g;

/** The harness's redactions, applied to the raw JSON text of a body. */
export function redactLikeHarness(body: unknown): unknown {
  const text = JSON.stringify(body)
    .replace(/forwarder_version:\d+\.\d+\.\d+[^,"\\]*/g, `forwarder_version:${REDACTED}`)
    .replace(/dd_lambda_layer:[^,"\\]+/g, `dd_lambda_layer:${REDACTED}`)
    .replace(UUID, REDACTED);
  return JSON.parse(text) as unknown;
}

/** The environment the snapshots were recorded with, pointed at our recording intake. */
export function recordedEnv(intakeUrl: string): Record<string, string> {
  const { hostname, port } = new URL(intakeUrl);
  return {
    DD_API_KEY: 'abcdefghijklmnopqrstuvwxyz012345',
    DD_SITE: 'datadoghq.com',
    DD_URL: hostname,
    DD_PORT: port,
    DD_NO_SSL: 'true',
    DD_SKIP_SSL_VALIDATION: 'true',
    DD_USE_COMPRESSION: 'false',
    DD_API_URL: intakeUrl,
    DD_TRACE_INTAKE_URL: intakeUrl,
    DD_FETCH_LAMBDA_TAGS: 'false',
    DD_FETCH_LOG_GROUP_TAGS: 'false',
    DD_STORE_FAILED_EVENTS: 'false',
    DD_LOG_LEVEL: 'error',
    AWS_DEFAULT_REGION: 'us-east-1',
    FORWARDER_TRACE_CONTEXT: 'false',
  };
}
