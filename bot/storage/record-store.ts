import { createHash } from 'node:crypto';
import { AppError } from '../errors';
import type { RecordKind } from './data-inventory';

/** Where a record lives: its kind, the partition it is queried by, and its id within that partition. */
export interface RecordKey {
  readonly kind: RecordKind;
  readonly partitionKey: string;
  readonly id: string;
}

export interface StoredRecord<T> extends RecordKey {
  readonly data: T;
  /** Opaque version; pass it back to `replace` to detect a concurrent change. */
  readonly etag: string;
  /** UTC ISO instants. */
  readonly createdAt: string;
  readonly updatedAt: string;
}

export type CreateResult<T> =
  | { readonly created: true; readonly record: StoredRecord<T> }
  /** The id was taken (e.g. a redelivered activity): nothing was written, the existing record is returned. */
  | { readonly created: false; readonly record: StoredRecord<T> };

export type FieldValue = string | number | boolean;

export interface ListQuery {
  /** Scope to one partition: the normal case, and the only cheap one on Cosmos DB. */
  readonly partitionKey?: string;
  /** Equality on top-level fields of `data`. */
  readonly where?: Readonly<Record<string, FieldValue>>;
  /** Only records created at or after this UTC ISO instant. */
  readonly createdSince?: string;
  readonly limit?: number;
}

/**
 * The one storage contract every record kind goes through. Both implementations (SQLite, Cosmos DB) honour the same
 * semantics, checked by one contract suite in tests/storage.
 */
export interface RecordStore {
  /** Writes only if no record has this key; never overwrites. */
  create<T>(key: RecordKey, data: T): Promise<CreateResult<T>>;
  /** Resolves `undefined` when there is no such record (or it has expired). */
  get<T>(key: RecordKey): Promise<StoredRecord<T> | undefined>;
  /** Rejects with `ConflictError` when the record changed or was deleted since `current` was read. */
  replace<T>(current: StoredRecord<T>, data: T): Promise<StoredRecord<T>>;
  /** Unconditional write: for last-writer-wins data only (bot state with eTag '*'). */
  upsert<T>(key: RecordKey, data: T): Promise<StoredRecord<T>>;
  /** Resolves false when there was nothing to delete. With an etag, rejects with `ConflictError` if it is stale. */
  delete(key: RecordKey, etag?: string): Promise<boolean>;
  /** Oldest first. */
  list<T>(kind: RecordKind, query?: ListQuery): Promise<StoredRecord<T>[]>;
  /** Rejects when the store cannot really write and read: for readiness. */
  ping(): Promise<void>;
  /**
   * Deletes expired records for good and resolves how many: only where the store does not expire them itself (SQLite).
   * Absent where the database's own TTL does it (Cosmos DB).
   */
  purgeExpired?(): Promise<number>;
  close(): Promise<void>;
}

const ID_PATTERN = /^[A-Za-z0-9._:=-]{1,200}$/;
const FIELD_PATTERN = /^[A-Za-z][A-Za-z0-9]{0,63}$/;

export function assertValidKey(key: RecordKey): void {
  if (!ID_PATTERN.test(key.id)) {
    throw new AppError('STORAGE_INVALID_KEY', `record id for ${key.kind} must match ${String(ID_PATTERN)}`);
  }
  if (key.partitionKey.length === 0 || key.partitionKey.length > 200) {
    throw new AppError('STORAGE_INVALID_KEY', `partition key for ${key.kind} must be 1 to 200 characters`);
  }
}

/** Field names go into query text (as names, never values), so they are restricted to plain identifiers. */
export function assertValidField(field: string): void {
  if (!FIELD_PATTERN.test(field)) {
    throw new AppError('STORAGE_INVALID_KEY', `query field must match ${String(FIELD_PATTERN)}`);
  }
}

/** A stable id from stable parts, e.g. channel + conversation + activity id, so a redelivery maps to the same record. */
export function deterministicId(...parts: readonly string[]): string {
  return createHash('sha256').update(parts.join('\u001f')).digest('base64url').slice(0, 32);
}
