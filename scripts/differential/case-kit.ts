// What every generator of the differential run's cases shares: the case's shape, the seeded picks, the fixed
// account, clock and Lambda context.

export interface S3Object {
  readonly bucket: string;
  readonly key: string;
  /** The object's bytes, base64. */
  readonly body: string;
}

export interface Case {
  readonly id: string;
  /** The row of the result table: the event's source, and for CloudWatch Logs the log group's kind. */
  readonly source: string;
  readonly python: 'v5' | 'v3';
  readonly description: string;
  readonly settings: Readonly<Record<string, string>>;
  readonly event: unknown;
  readonly objects: readonly S3Object[];
}

export type Rng = () => number;
export const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)] as T;
export const int = (rng: Rng, min: number, max: number) => min + Math.floor(rng() * (max - min + 1));
export const hex = (rng: Rng, length: number) =>
  Array.from({ length }, () => '0123456789abcdef'[Math.floor(rng() * 16)]).join('');

/** 2026-01-01T00:00:00Z: fixed, so the cases do not depend on the day they run. */
export const BASE_MS = 1_767_225_600_000;
export const OWNER = '123456789012';

export const CONTEXT = {
  invokedFunctionArn: `arn:aws:lambda:us-east-1:${OWNER}:function:datadog-forwarder`,
  functionName: 'datadog-forwarder',
  functionVersion: '$LATEST',
  memoryLimitInMB: '1024',
  awsRequestId: '7f0c4b52-7c2b-4c3e-9a51-2f6b8d1e4a10',
};

export const ARN = (service: string, rest: string) => `arn:aws:${service}:us-east-1:${OWNER}:${rest}`;
