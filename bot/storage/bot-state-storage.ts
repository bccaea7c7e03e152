import { ConflictError } from '../errors';
import { deterministicId, type RecordKey, type RecordStore } from './record-store';

/** Structurally the botbuilder `Storage` interface, so this folder need not import botbuilder. */
export type StateItems = Record<string, unknown>;

interface StateDocument {
  /** The botbuilder key as given: long, and may contain / ? # \ * (COS-8). */
  key: string;
  item: Record<string, unknown>;
}

/**
 * Bot conversation/user state on top of the record store. Keys are hashed to fixed-length ids, so any key
 * round-trips on both stores (no bcrypt, unlike botbuilder-azure's compatibility mode). An item carrying an eTag
 * other than '*' is written only if unchanged (botbuilder's Storage semantics); '*' or none overwrites.
 */
export class BotStateStorage {
  constructor(private readonly records: RecordStore) {}

  async read(keys: string[]): Promise<StateItems> {
    const items: StateItems = {};
    for (const key of keys) {
      const record = await this.records.get<StateDocument>(recordKey(key));
      if (record !== undefined) items[key] = { ...record.data.item, eTag: record.etag };
    }
    return items;
  }

  async write(changes: StateItems): Promise<void> {
    for (const [key, value] of Object.entries(changes)) {
      const { eTag, ...item } = (value ?? {}) as Record<string, unknown> & { eTag?: unknown };
      const document: StateDocument = { key, item };
      if (typeof eTag !== 'string' || eTag === '*' || eTag === '') {
        await this.records.upsert(recordKey(key), document);
        continue;
      }
      const current = await this.records.get<StateDocument>(recordKey(key));
      if (current === undefined) {
        const created = await this.records.create(recordKey(key), document);
        if (!created.created) throw new ConflictError('write bot state: created concurrently');
        continue;
      }
      if (current.etag !== eTag) throw new ConflictError('write bot state: changed since it was read');
      await this.records.replace(current, document);
    }
  }

  async delete(keys: string[]): Promise<void> {
    for (const key of keys) {
      await this.records.delete(recordKey(key));
    }
  }
}

function recordKey(key: string): RecordKey {
  const id = deterministicId('bot-state', key);
  return { kind: 'bot-state', partitionKey: id, id };
}
