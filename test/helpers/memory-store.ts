// An in-memory FailedEventStore for tests that are about delivery, not about a storage backend. It keeps
// records through the same encoding as the real backends (so fragments and size limits are exercised) and can
// be told to fail, as an unavailable bucket or queue would.
import { randomUUID } from 'node:crypto';
import {
  StoreError,
  type FailedEventStore,
  type StoredBatch,
  type StoredEntry,
} from '../../src/failed-events/failed-event-store.js';
import { decodeRecord, encodeRecords, FragmentAssembler } from '../../src/failed-events/stored-record.js';

export class MemoryStore implements FailedEventStore {
  readonly kind = 'memory';
  /** Stored records by handle, in the order they were stored. */
  readonly records = new Map<string, { scope: string; intake: string; text: string }>();
  available = true;
  puts = 0;
  deletes = 0;

  constructor(private readonly maxRecordBytes = 256 * 1024) {}

  async put(scope: string, batch: StoredBatch): Promise<void> {
    if (!this.available) throw new StoreError('the memory store is unavailable');
    this.puts++;
    for (const text of encodeRecords(batch, this.maxRecordBytes)) {
      this.records.set(randomUUID(), { scope, intake: batch.intake, text });
    }
  }

  async *entries(scope: string): AsyncGenerator<StoredEntry> {
    if (!this.available) throw new StoreError('the memory store is unavailable');
    const assembler = new FragmentAssembler();
    for (const [handle, record] of [...this.records]) {
      if (record.scope !== scope) continue;
      const entry = assembler.add(handle, decodeRecord(record.text, record.intake));
      if (entry) yield entry;
    }
  }

  async delete(handles: readonly string[]): Promise<void> {
    if (!this.available) throw new StoreError('the memory store is unavailable');
    this.deletes++;
    for (const handle of handles) this.records.delete(handle);
  }

  /** Every stored item, decoded. */
  storedItems(): string[] {
    const items: string[] = [];
    const assembler = new FragmentAssembler();
    for (const [handle, record] of this.records) {
      const entry = assembler.add(handle, decodeRecord(record.text, record.intake));
      if (entry) items.push(...entry.batch.items);
    }
    return items;
  }
}
