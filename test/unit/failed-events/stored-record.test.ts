import type { StoredBatch } from '../../../src/failed-events/failed-event-store.js';
import { functionScope } from '../../../src/failed-events/failed-event-store.js';
import { decodeRecord, encodeRecords, FragmentAssembler } from '../../../src/failed-events/stored-record.js';

const batch = (items: string[]): StoredBatch => ({
  intake: 'logs',
  destination: 'logs',
  reason: 'logs intake answered 500',
  storedAtMs: 1_700_000_000_000,
  items,
});

function readBack(records: string[]): string[][] {
  const assembler = new FragmentAssembler();
  const out: string[][] = [];
  records.forEach((text, i) => {
    const entry = assembler.add(`h${i}`, decodeRecord(text, 'logs'));
    if (entry) out.push([...entry.batch.items]);
  });
  expect(assembler.incomplete).toBe(0);
  return out;
}

describe('stored records', () => {
  it('keeps a small batch in one record', () => {
    const records = encodeRecords(batch(['{"id":"a"}', '{"id":"b"}']), 10_000);
    expect(records).toHaveLength(1);
    expect(readBack(records)).toEqual([['{"id":"a"}', '{"id":"b"}']]);
  });

  it('splits a batch into records under the limit, keeping every item in order', () => {
    const items = Array.from({ length: 300 }, (_, i) => JSON.stringify({ id: i, message: 'm"\n'.repeat(i % 7) }));
    const records = encodeRecords(batch(items), 2_000);
    expect(records.length).toBeGreaterThan(5);
    for (const record of records) expect(Buffer.byteLength(record)).toBeLessThanOrEqual(2_000);
    expect(readBack(records).flat()).toEqual(items);
  });

  it.each([
    ['ascii', 'a'.repeat(10_000)],
    ['multi-byte', 'é漢'.repeat(3_000)],
    ['escapes', '"\\\n\u0001'.repeat(2_000)],
    ['surrogate pairs', '😀'.repeat(3_000)],
  ])('cuts an oversized %s item into fragments and joins it again', (_name, item) => {
    const records = encodeRecords(batch(['{"id":"small"}', item, '{"id":"after"}']), 1_500);
    for (const record of records) expect(Buffer.byteLength(record)).toBeLessThanOrEqual(1_500);
    expect(readBack(records).flat()).toEqual(['{"id":"small"}', item, '{"id":"after"}']);
  });

  it('joins fragments read out of order, and holds back an incomplete one', () => {
    const records = encodeRecords(batch(['z'.repeat(5_000)]), 1_000).reverse();
    const assembler = new FragmentAssembler();
    const entries = records.map((text, i) => assembler.add(`h${i}`, decodeRecord(text, 'logs')));
    expect(entries.slice(0, -1).every((e) => e === undefined)).toBe(true);
    expect(entries.at(-1)?.batch.items).toEqual(['z'.repeat(5_000)]);
    expect(entries.at(-1)?.handles).toHaveLength(records.length);

    const partial = new FragmentAssembler();
    partial.add('h0', decodeRecord(records[0]!, 'logs'));
    expect(partial.incomplete).toBe(1);
  });

  it('reads the Datadog Forwarder v5 format (a JSON array of logs)', () => {
    expect(decodeRecord('["{\\"id\\":\\"1\\"}", {"id": "2"}]', 'logs')).toMatchObject({
      intake: 'logs',
      destination: 'logs',
      items: ['{"id":"1"}', '{"id":"2"}'],
    });
  });

  it.each(['{}', '{"v":2,"intake":"logs","destination":"logs","items":[]}', '{"v":1,"intake":"logs"}', 'nope'])(
    'rejects %s',
    (text) => {
      expect(() => decodeRecord(text, 'logs')).toThrow();
    },
  );

  it('scopes by the unqualified function ARN, in lower case, as sha1', () => {
    const arn = 'arn:aws:lambda:us-east-1:012345678912:function:Forwarder';
    expect(functionScope(arn)).toMatch(/^[0-9a-f]{40}$/);
    expect(functionScope(`${arn}:live`)).toBe(functionScope(arn.toLowerCase()));
    expect(functionScope(arn)).not.toBe(functionScope(`${arn}2`));
  });
});
