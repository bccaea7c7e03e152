import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Clock } from '../clock';
import { ConflictError, StorageError } from '../errors';
import { kindSpec, type RecordKind } from './data-inventory';
import {
  assertValidField,
  assertValidKey,
  type CreateResult,
  type ListQuery,
  type RecordKey,
  type RecordStore,
  type StoredRecord,
} from './record-store';

interface Row {
  kind: string;
  pk: string;
  id: string;
  data: string;
  etag: string;
  created_at: string;
  updated_at: string;
}

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS records (
    kind TEXT NOT NULL,
    pk TEXT NOT NULL,
    id TEXT NOT NULL,
    data TEXT NOT NULL,
    etag TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    expires_at INTEGER NOT NULL,
    PRIMARY KEY (kind, pk, id)
  );
  CREATE INDEX IF NOT EXISTS records_by_kind ON records (kind, created_at);
  CREATE INDEX IF NOT EXISTS records_expiry ON records (expires_at);
`;

/**
 * The embedded, durable default store: one SQLite file in the data directory. Several processes may share the file
 * (WAL mode, busy timeout): conditional writes are single statements, so they are atomic across processes too.
 */
export class SqliteRecordStore implements RecordStore {
  private readonly db: Database.Database;

  private constructor(
    file: string,
    private readonly clock: Clock,
  ) {
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('busy_timeout = 5000');
    this.db.pragma('synchronous = NORMAL');
    this.db.exec(SCHEMA);
  }

  /** `dataDir` of ':memory:' gives a private in-memory database (tests only). */
  static open(dataDir: string, clock: Clock): SqliteRecordStore {
    if (dataDir === ':memory:') return new SqliteRecordStore(':memory:', clock);
    mkdirSync(dataDir, { recursive: true });
    return new SqliteRecordStore(path.join(dataDir, 'foster-carer-assistant.sqlite'), clock);
  }

  async create<T>(key: RecordKey, data: T): Promise<CreateResult<T>> {
    assertValidKey(key);
    const now = this.nowIso();
    const row: Row = { kind: key.kind, pk: key.partitionKey, id: key.id, data: JSON.stringify(data), etag: randomUUID(), created_at: now, updated_at: now };
    const result = this.run(() =>
      this.db
        .prepare(
          `INSERT INTO records (kind, pk, id, data, etag, created_at, updated_at, expires_at)
           VALUES (@kind, @pk, @id, @data, @etag, @created_at, @updated_at, @expires_at)
           ON CONFLICT (kind, pk, id) DO UPDATE SET
             data = excluded.data, etag = excluded.etag, created_at = excluded.created_at,
             updated_at = excluded.updated_at, expires_at = excluded.expires_at
           WHERE records.expires_at <= @now`,
        )
        .run({ ...row, expires_at: this.expiry(key.kind), now: this.nowMs() }),
    );
    if (result.changes === 1) return { created: true, record: toRecord<T>(row) };
    const existing = await this.get<T>(key);
    if (existing === undefined) throw new StorageError(`create ${key.kind}: record vanished after a conflict`);
    return { created: false, record: existing };
  }

  async get<T>(key: RecordKey): Promise<StoredRecord<T> | undefined> {
    assertValidKey(key);
    const row = this.run(
      () =>
        this.db
          .prepare('SELECT * FROM records WHERE kind = ? AND pk = ? AND id = ? AND expires_at > ?')
          .get(key.kind, key.partitionKey, key.id, this.nowMs()) as Row | undefined,
    );
    return row === undefined ? undefined : toRecord<T>(row);
  }

  async replace<T>(current: StoredRecord<T>, data: T): Promise<StoredRecord<T>> {
    assertValidKey(current);
    const updated: Row = {
      kind: current.kind,
      pk: current.partitionKey,
      id: current.id,
      data: JSON.stringify(data),
      etag: randomUUID(),
      created_at: current.createdAt,
      updated_at: this.nowIso(),
    };
    const result = this.run(() =>
      this.db
        .prepare(
          `UPDATE records SET data = @data, etag = @etag, updated_at = @updated_at, expires_at = @expires_at
           WHERE kind = @kind AND pk = @pk AND id = @id AND etag = @expected AND expires_at > @now`,
        )
        .run({ ...updated, expires_at: this.expiry(current.kind), expected: current.etag, now: this.nowMs() }),
    );
    if (result.changes !== 1) {
      throw new ConflictError(`replace ${current.kind} ${current.id}: changed or deleted since it was read`);
    }
    return toRecord<T>(updated);
  }

  async upsert<T>(key: RecordKey, data: T): Promise<StoredRecord<T>> {
    assertValidKey(key);
    const now = this.nowIso();
    const etag = randomUUID();
    this.run(() =>
      this.db
        .prepare(
          `INSERT INTO records (kind, pk, id, data, etag, created_at, updated_at, expires_at)
           VALUES (@kind, @pk, @id, @data, @etag, @now, @now, @expires_at)
           ON CONFLICT (kind, pk, id) DO UPDATE SET
             data = excluded.data, etag = excluded.etag, updated_at = excluded.updated_at, expires_at = excluded.expires_at`,
        )
        .run({ kind: key.kind, pk: key.partitionKey, id: key.id, data: JSON.stringify(data), etag, now, expires_at: this.expiry(key.kind) }),
    );
    const stored = await this.get<T>(key);
    if (stored === undefined) throw new StorageError(`upsert ${key.kind}: record missing after write`);
    return stored;
  }

  async delete(key: RecordKey, etag?: string): Promise<boolean> {
    assertValidKey(key);
    const existing = await this.get(key);
    if (existing === undefined) {
      if (etag !== undefined) throw new ConflictError(`delete ${key.kind} ${key.id}: already deleted`);
      return false;
    }
    if (etag !== undefined && existing.etag !== etag) {
      throw new ConflictError(`delete ${key.kind} ${key.id}: changed since it was read`);
    }
    const result = this.run(() =>
      this.db
        .prepare(`DELETE FROM records WHERE kind = ? AND pk = ? AND id = ? ${etag === undefined ? '' : 'AND etag = ?'}`)
        .run(...[key.kind, key.partitionKey, key.id, ...(etag === undefined ? [] : [etag])]),
    );
    if (etag !== undefined && result.changes !== 1) throw new ConflictError(`delete ${key.kind} ${key.id}: changed since it was read`);
    return result.changes === 1;
  }

  async list<T>(kind: RecordKind, query: ListQuery = {}): Promise<StoredRecord<T>[]> {
    const clauses = ['kind = @kind', 'expires_at > @now'];
    const params: Record<string, string | number> = { kind, now: this.nowMs() };
    if (query.partitionKey !== undefined) {
      clauses.push('pk = @pk');
      params.pk = query.partitionKey;
    }
    if (query.createdSince !== undefined) {
      clauses.push('created_at >= @since');
      params.since = query.createdSince;
    }
    Object.entries(query.where ?? {}).forEach(([field, value], index) => {
      assertValidField(field);
      // json_extract returns 1/0 for JSON booleans
      clauses.push(`json_extract(data, '$.${field}') = @v${index}`);
      params[`v${index}`] = typeof value === 'boolean' ? Number(value) : value;
    });
    const limit = query.limit === undefined ? '' : ` LIMIT ${Math.max(0, Math.floor(query.limit))}`;
    const rows = this.run(
      () => this.db.prepare(`SELECT * FROM records WHERE ${clauses.join(' AND ')} ORDER BY created_at, id${limit}`).all(params) as Row[],
    );
    return rows.map((row) => toRecord<T>(row));
  }

  /** Removes expired records; expired ones are already invisible, this only reclaims space. */
  purgeExpired(): number {
    return this.run(() => this.db.prepare('DELETE FROM records WHERE expires_at <= ?').run(this.nowMs()).changes);
  }

  async ping(): Promise<void> {
    this.run(() => this.db.prepare('SELECT 1').get());
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }

  private nowIso(): string {
    return this.clock.now().toUTC().toISO() ?? '';
  }

  private nowMs(): number {
    return this.clock.now().toMillis();
  }

  private expiry(kind: RecordKind): number {
    return this.nowMs() + kindSpec(kind).ttlSeconds * 1000;
  }

  private run<R>(operation: () => R): R {
    try {
      return operation();
    } catch (error) {
      throw new StorageError('sqlite operation failed', { cause: error });
    }
  }
}

function toRecord<T>(row: Row): StoredRecord<T> {
  return {
    kind: row.kind as RecordKind,
    partitionKey: row.pk,
    id: row.id,
    data: JSON.parse(row.data) as T,
    etag: row.etag,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
