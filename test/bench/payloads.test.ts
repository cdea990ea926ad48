import { cloudWatchPayload, generateLogEvents } from '../../bench/payloads.js';

describe('bench payloads', () => {
  it('are identical on every run', () => {
    expect(cloudWatchPayload(500).event.awslogs.data).toBe(cloudWatchPayload(500).event.awslogs.data);
  });

  it('mix platform lines, plain text, JSON with trace ids and long lines', () => {
    const messages = generateLogEvents(1_000).map((e) => e.message);
    const share = (test: (m: string) => boolean) => messages.filter(test).length / messages.length;
    expect(share((m) => /^(START|END|REPORT) RequestId/.test(m))).toBeCloseTo(0.24, 2);
    expect(share((m) => m.startsWith('{') && 'trace_id' in (JSON.parse(m) as { dd: object }).dd)).toBeCloseTo(0.36, 2);
    expect(share((m) => m.length > 3_000)).toBeCloseTo(0.04, 2);
  });

  it('average about 390 bytes a message, like the reference measurement', () => {
    const { messageBytes, events } = cloudWatchPayload(10_000);
    expect(messageBytes / events).toBeGreaterThan(350);
    expect(messageBytes / events).toBeLessThan(430);
  });
});
