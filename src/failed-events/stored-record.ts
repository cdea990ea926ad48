// How a stored batch is written into objects or messages of bounded size, and read back.
// One record is a JSON object `{"v":1, intake, destination, reason, storedAtMs, items: [...]}`. A batch larger
// than the backend's limit becomes several records; an item that alone exceeds the limit is cut into fragment
// records (`fragment: {id, index, count, text}`) that a replay joins again before resending, so nothing is
// dropped for its size. A bare JSON array is what the Datadog Forwarder v5 stored: its items are logs.
import { randomUUID } from 'node:crypto';
import type { StoredBatch, StoredEntry } from './failed-event-store.js';

interface Fragment {
  readonly id: string;
  readonly index: number;
  readonly count: number;
  readonly text: string;
}

type StoredRecord = Omit<StoredBatch, 'items'> & { items?: readonly string[]; fragment?: Fragment };

/** Encodes a batch into records of at most `maxBytes` UTF-8 bytes each. */
export function encodeRecords(batch: StoredBatch, maxBytes: number): string[] {
  const { items, ...header } = batch;
  const head = { v: 1, ...header };
  const emptyBytes = Buffer.byteLength(JSON.stringify({ ...head, items: [] }));
  const records: string[] = [];
  let chunk: string[] = [];
  let chunkBytes = emptyBytes;
  const flush = () => {
    if (chunk.length > 0) records.push(JSON.stringify({ ...head, items: chunk }));
    chunk = [];
    chunkBytes = emptyBytes;
  };
  for (const item of items) {
    const itemBytes = Buffer.byteLength(JSON.stringify(item)) + 1;
    if (emptyBytes + itemBytes > maxBytes) {
      flush();
      records.push(...fragmentRecords(head, item, maxBytes));
      continue;
    }
    if (chunkBytes + itemBytes > maxBytes) flush();
    chunk.push(item);
    chunkBytes += itemBytes;
  }
  flush();
  return records;
}

function fragmentRecords(head: object, item: string, maxBytes: number): string[] {
  const id = randomUUID();
  const probe = { ...head, fragment: { id, index: 999_999, count: 999_999, text: '' } };
  const budget = maxBytes - Buffer.byteLength(JSON.stringify(probe));
  if (budget < 64) throw new Error(`A stored record cannot be smaller than ${maxBytes - budget + 64} bytes.`);
  const pieces: string[] = [];
  for (let start = 0; start < item.length;) {
    let end = Math.min(item.length, start + budget);
    for (;;) {
      // Never cut a surrogate pair in two.
      if (end < item.length && /[\uD800-\uDBFF]/.test(item[end - 1] ?? '')) end--;
      const size = Buffer.byteLength(JSON.stringify(item.slice(start, end)));
      if (size <= budget) break;
      end = start + Math.max(1, Math.floor(((end - start) * budget * 0.95) / size));
    }
    pieces.push(item.slice(start, end));
    start = end;
  }
  return pieces.map((text, index) => JSON.stringify({ ...head, fragment: { id, index, count: pieces.length, text } }));
}

/** Reads one record; `intake` names the intake of a v5 record (from its key or message attribute). */
export function decodeRecord(text: string, intake: string): StoredRecord {
  const value: unknown = JSON.parse(text);
  if (Array.isArray(value)) {
    const items = value.map((item) => (typeof item === 'string' ? item : JSON.stringify(item)));
    return { intake, destination: intake, reason: 'stored by the Datadog Forwarder', storedAtMs: 0, items };
  }
  const record = value as Partial<StoredRecord> & { v?: number };
  if (record.v !== 1 || typeof record.intake !== 'string' || typeof record.destination !== 'string') {
    throw new Error('not a stored batch (no version 1 header)');
  }
  if (!Array.isArray(record.items) && typeof record.fragment?.text !== 'string') {
    throw new Error('a stored batch without items');
  }
  return record as StoredRecord;
}

/** Joins fragment records; whole records pass straight through. */
export class FragmentAssembler {
  /** Per fragment id, each part's text and the handle it was read with (the latest, for SQS redeliveries). */
  private readonly groups = new Map<string, Map<number, { text: string; handle: string }>>();

  add(handle: string, record: StoredRecord): StoredEntry | undefined {
    const { fragment, items, ...header } = record;
    if (!fragment) return { handles: [handle], batch: { ...header, items: items ?? [] } };
    const parts = this.groups.get(fragment.id) ?? new Map<number, { text: string; handle: string }>();
    this.groups.set(fragment.id, parts);
    parts.set(fragment.index, { text: fragment.text, handle });
    if (parts.size < fragment.count) return undefined;
    this.groups.delete(fragment.id);
    const ordered = [...parts.entries()].sort(([a], [b]) => a - b).map(([, part]) => part);
    return {
      handles: ordered.map((part) => part.handle),
      batch: { ...header, items: [ordered.map((part) => part.text).join('')] },
    };
  }

  /** Fragments whose other parts were not seen (they stay stored for a later replay). */
  get incomplete(): number {
    return this.groups.size;
  }
}
