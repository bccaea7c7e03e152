import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import Database from 'better-sqlite3';
import type { Clock } from '../clock';
import { ConflictError, StorageError } from '../errors';
import { ttlSecondsOf, type RecordKind, type RetentionOverrides } from './data-inventory';
import { assertValidField, assertValidKey, type CreateResult, type ListQuery, type RecordKey, type RecordStore, type StoredRecord } from './record-store';
import { SqliteFileHealth } from './sqlite-file-health';
import { SQLITE_BUSY_TIMEOUT_MS, SqliteLockTimeout, whileLocked } from './sqlite-lock-wait';

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
  CREATE TABLE IF NOT EXISTS store_health (
    instance TEXT PRIMARY KEY,
    token TEXT NOT NULL,
    checked_at INTEGER NOT NULL
  );
`;

export const SQLITE_FILE_NAME = 'foster-carer-assistant.sqlite';
const PURGE_BATCH = 500;
const HEALTH_ROW_MAX_AGE_MS = 24 * 60 * 60 * 1000;

export interface SqliteStoreOptions {
  /** How long an operation waits, off the event loop, for a write lock held by another connection. */
  readonly lockWaitMs?: number;
  /** Retention periods set by the deployment instead of the data inventory's. */
  readonly retention?: RetentionOverrides;
}

export const DEFAULT_SQLITE_LOCK_WAIT_MS = 5000;

/**
 * The embedded, durable default store: one SQLite file in the data directory. Several processes may share the file
 * (WAL mode): conditional writes are single statements, so they are atomic across processes too. better-sqlite3 is
 * synchronous, so a lock held elsewhere is waited for with timers between short attempts, never inside SQLite.
 */
export class SqliteRecordStore implements RecordStore {
  private readonly db: Database.Database;
  private readonly fileHealth: SqliteFileHealth | undefined;
  private readonly instance = randomUUID();
  private readonly lockWaitMs: number;
  private readonly retention: RetentionOverrides;

  private constructor(
    file: string,
    private readonly clock: Clock,
    options: SqliteStoreOptions,
  ) {
    this.lockWaitMs = options.lockWaitMs ?? DEFAULT_SQLITE_LOCK_WAIT_MS;
    this.retention = options.retention ?? {};
    this.db = new Database(file);
    // at start-up only, waiting in-thread for another instance is harmless: nothing is being served yet
    this.db.pragma('busy_timeout = 5000');
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    // deleted rows' bytes are overwritten, so purged personal data does not linger in free pages
    this.db.pragma('secure_delete = ON');
    this.db.exec(SCHEMA);
    this.db.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
    this.fileHealth = file === ':memory:' ? undefined : new SqliteFileHealth(file);
  }

  /** `dataDir` of ':memory:' gives a private in-memory database (tests only). */
  static open(dataDir: string, clock: Clock, options: SqliteStoreOptions = {}): SqliteRecordStore {
    if (dataDir === ':memory:') return new SqliteRecordStore(':memory:', clock, options);
    mkdirSync(dataDir, { recursive: true });
    return new SqliteRecordStore(path.join(dataDir, SQLITE_FILE_NAME), clock, options);
  }

  async create<T>(key: RecordKey, data: T): Promise<CreateResult<T>> {
    assertValidKey(key);
    const now = this.nowIso();
    const row: Row = { kind: key.kind, pk: key.partitionKey, id: key.id, data: JSON.stringify(data), etag: randomUUID(), created_at: now, updated_at: now };
    const result = await this.write(() =>
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
    const row = await this.read(
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
    const result = await this.write(() =>
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
    await this.write(() =>
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
    const result = await this.write(() =>
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
    const rows = await this.read(
      () => this.db.prepare(`SELECT * FROM records WHERE ${clauses.join(' AND ')} ORDER BY created_at, id${limit}`).all(params) as Row[],
    );
    return rows.map((row) => toRecord<T>(row));
  }

  /**
   * Deletes expired records for good (they are already invisible), in small batches so no lock is held for long, then
   * checkpoints and truncates the WAL, which would otherwise keep copies of the deleted rows.
   */
  async purgeExpired(): Promise<number> {
    const now = this.nowMs();
    const batch = this.db.prepare('DELETE FROM records WHERE rowid IN (SELECT rowid FROM records WHERE expires_at <= ? LIMIT ?)');
    let removed = 0;
    for (;;) {
      const { changes } = await this.write(() => batch.run(now, PURGE_BATCH));
      removed += changes;
      if (changes < PURGE_BATCH) break;
      await yieldToEventLoop();
    }
    await this.write(() => this.db.prepare('DELETE FROM store_health WHERE checked_at < ?').run(Date.now() - HEALTH_ROW_MAX_AGE_MS));
    await this.write(() => {
      const [result] = this.db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
      // busy: a reader in another process still needs the WAL; retried like a lock
      if (result !== undefined && result.busy !== 0) throw Object.assign(new Error('checkpoint busy'), { code: 'SQLITE_BUSY' });
    });
    return removed;
  }

  /** A real write and read-back of this instance's health row, on the file a restart would open. */
  async ping(): Promise<void> {
    const problem = this.fileHealth?.problem();
    if (problem !== undefined) throw new StorageError(`sqlite not usable: ${problem}`);
    const token = randomUUID();
    await this.write(() =>
      this.db
        .prepare(
          `INSERT INTO store_health (instance, token, checked_at) VALUES (?, ?, ?)
           ON CONFLICT (instance) DO UPDATE SET token = excluded.token, checked_at = excluded.checked_at`,
        )
        .run(this.instance, token, Date.now()),
    );
    const read = await this.read(() => this.db.prepare('SELECT token FROM store_health WHERE instance = ?').pluck().get(this.instance));
    if (read !== token) throw new StorageError('sqlite health row did not read back');
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
    return this.nowMs() + ttlSecondsOf(kind, this.retention) * 1000;
  }

  private read<R>(operation: () => R): Promise<R> {
    return this.run(operation);
  }

  /** Refuses to write to a file that is no longer the one at the path: the write would be lost on restart. */
  private write<R>(operation: () => R): Promise<R> {
    const problem = this.fileHealth?.replacedOrMissing();
    if (problem !== undefined) return Promise.reject(new StorageError(`sqlite write refused: ${problem}`));
    return this.run(operation);
  }

  private async run<R>(operation: () => R): Promise<R> {
    try {
      return await whileLocked(operation, this.lockWaitMs);
    } catch (error) {
      const reason = error instanceof SqliteLockTimeout ? 'sqlite database locked elsewhere' : 'sqlite operation failed';
      throw new StorageError(reason, { cause: error });
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
