// An HttpClient that accepts every request and keeps the logs it carried (uncompressed bodies), for tests that
// run forward() without a server; JSON.parse fails the test on an invalid body.
import type { Clock } from '../../src/clock.js';
import type { HttpClient, HttpRequest, HttpResponse } from '../../src/sinks/http-client.js';

export class RecordingHttp implements HttpClient {
  readonly logs: Record<string, unknown>[] = [];
  async request(request: HttpRequest): Promise<HttpResponse> {
    this.logs.push(...(JSON.parse(request.body?.toString('utf8') ?? '[]') as Record<string, unknown>[]));
    return { status: 202, headers: {}, body: '{}' };
  }
}

/** The real time, and retries that do not wait. */
export const noWaitClock: Clock = { now: () => Date.now(), sleep: async () => undefined };
