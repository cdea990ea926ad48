import { encodeTracePayloadHeader } from '../../../src/signals/traces/protobuf.js';
import { RequestBody, jsonArrayFrame, type BodyFrame } from '../../../src/sinks/request-body.js';

function bodyOf(items: readonly (string | Buffer)[], frame: BodyFrame = jsonArrayFrame(), maxBytes = 5_000_000) {
  const body = new RequestBody(frame, maxBytes);
  items.forEach((item, i) => body.append(item, `id-${i % 2}`));
  return body;
}

describe('RequestBody', () => {
  it.each([
    ['one log', ['{"message":"a"}']],
    ['several logs', ['{"message":"a"}', '{"message":"b"}', '{"id":"3","message":""}']],
    ['non-ASCII messages', ['{"message":"café ☕"}', '{"message":"日本語のログ"}', '{"message":"😀"}']],
  ])('writes %s as a JSON array of exactly the size it announces', (_name, jsons) => {
    const body = bodyOf(jsons);
    expect(body.body().toString('utf8')).toBe(`[${jsons.join(',')}]`);
    expect(body.body().length).toBe(body.bytes);
    expect(body.count).toBe(jsons.length);
  });

  it('writes an empty array for no items', () => {
    expect(bodyOf([]).body().toString('utf8')).toBe('[]');
  });

  it('announces the size an item would give before it is added', () => {
    const body = bodyOf(['{"a":1}']);
    const before = body.bytesWith(Buffer.byteLength('{"b":"é"}'));
    body.append('{"b":"é"}', undefined);
    expect(body.bytes).toBe(before);
  });

  it('grows past its allowance for items that need it, without losing a byte', () => {
    const jsons = Array.from({ length: 300 }, (_, i) => JSON.stringify({ message: `log ${i} ${'x'.repeat(i)}` }));
    const body = bodyOf(jsons, jsonArrayFrame(), 16);
    expect(JSON.parse(body.body().toString('utf8'))).toEqual(jsons.map((json) => JSON.parse(json)));
  });

  it('writes a log and its origin’s fragment (text, then bytes) as one item', () => {
    const body = new RequestBody(jsonArrayFrame(), 1000);
    body.append(['{"message":"é"', Buffer.from(',"ddsource":"lambda"}')], undefined);
    body.append('{"n":2}', undefined);
    expect(body.body().toString('utf8')).toBe('[{"message":"é","ddsource":"lambda"},{"n":2}]');
    expect(body.items().map((item) => item.toString('utf8'))).toEqual([
      '{"message":"é","ddsource":"lambda"}',
      '{"n":2}',
    ]);
  });

  it.each([
    ['text', (n: number) => `"${'é'.repeat(n)}"`],
    ['text and bytes', (n: number) => ['"', Buffer.from(`${'é'.repeat(n)}"`)] as const],
  ])('tryAppend (%s) adds items while the body stays within its size, then refuses, adding nothing', (_name, item) => {
    // Each item is 2 + 2n bytes; with n = 9 (20 bytes) and the frame, 4 items fit in 84 bytes, not 5 (105).
    const body = new RequestBody(jsonArrayFrame(), 100);
    const added: boolean[] = [];
    for (let i = 0; i < 6; i++) added.push(body.tryAppend(item(9), `id-${i}`));
    expect(added).toEqual([true, true, true, true, false, false]);
    expect(body.count).toBe(4);
    expect(body.bytes).toBe(2 + 4 * 20 + 3);
    expect(body.body().toString('utf8')).toBe(
      `[${Array(4)
        .fill(`"${'é'.repeat(9)}"`)
        .join(',')}]`,
    );
    expect(body.itemIds().sort()).toEqual(['id-0', 'id-1', 'id-2', 'id-3']);
  });

  it('tryAppend takes any item into an empty body, and refuses an item that would take it over', () => {
    const body = new RequestBody(jsonArrayFrame(), 10);
    expect(body.tryAppend(`"${'x'.repeat(50)}"`, undefined)).toBe(true);
    expect(body.tryAppend('1', undefined)).toBe(false);
    expect(body.body().toString('utf8')).toBe(`["${'x'.repeat(50)}"]`);
  });

  it('gives back each item’s bytes and the distinct trigger ids', () => {
    const jsons = ['{"n":1}', '{"n":"ü"}', '{"n":3}'];
    const body = bodyOf(jsons);
    expect(body.items().map((item) => item.toString('utf8'))).toEqual(jsons);
    expect(body.itemIds().sort()).toEqual(['id-0', 'id-1']);
  });

  it('keeps the trigger ids of items added after some without one', () => {
    const body = new RequestBody(jsonArrayFrame(), 1000);
    body.append('1', undefined);
    body.append('2', 'late');
    const [first, second] = body.halves();
    expect(first.itemIds()).toEqual([]);
    expect(second.itemIds()).toEqual(['late']);
  });

  it('halves into two bodies that hold every item once, in order, with their ids', () => {
    const jsons = ['{"n":1}', '{"n":2}', '{"n":3}', '{"n":4}', '{"n":5}'];
    const [first, second] = bodyOf(jsons).halves();
    expect(first.body().toString('utf8')).toBe(`[${jsons.slice(0, 3).join(',')}]`);
    expect(second.body().toString('utf8')).toBe(`[${jsons.slice(3).join(',')}]`);
    expect(first.itemIds().sort()).toEqual(['id-0', 'id-1']);
    expect(second.itemIds().sort()).toEqual(['id-0', 'id-1']);
  });

  it('frames binary items without separators (a protobuf TracePayload)', () => {
    const open = encodeTracePayloadHeader('', 'prod');
    const frame = { open, separator: Buffer.alloc(0), close: Buffer.alloc(0) };
    const items = [Buffer.from([0x1a, 0x01, 0x08]), Buffer.from([0x1a, 0x02, 0x08, 0x01])];
    const body = bodyOf(items, frame);
    expect(body.body()).toEqual(Buffer.concat([open, ...items]));
    expect(body.items()).toEqual(items);
  });

  it('gives items that stay intact once its buffer is released and reused by another batch', () => {
    const jsons = ['{"n":"first"}', '{"n":"second"}'];
    const body = bodyOf(jsons);
    const items = body.items();
    body.release();
    const next = bodyOf(Array.from({ length: 50 }, () => '{"n":"overwritten"}'));
    expect(items.map((item) => item.toString('utf8'))).toEqual(jsons);
    expect(next.count).toBe(50);
  });
});
