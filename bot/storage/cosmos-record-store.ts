import { randomUUID } from 'node:crypto';
import type { Container, Database, ItemDefinition, SqlParameter } from '@azure/cosmos';
import type { Clock } from '../clock';
import { ConflictError, StorageError } from '../errors';
import { CONTAINERS, kindSpec, PARTITION_KEY_PATH, ttlSecondsOf, type ContainerId, type RecordKind, type RetentionOverrides } from './data-inventory';
import { failureCodeOf, fromCosmosError, isTransientCosmosError, mayHaveCommitted, statusOf } from './cosmos-errors';
import { retryWithBackoff, type AttemptContext, type BackoffPolicy } from './retry-with-backoff';
import { assertValidField, assertValidKey, type CreateResult, type ListQuery, type RecordKey, type RecordStore, type StoredRecord } from './record-store';

interface RecordDocument extends ItemDefinition {
  id: string;
  pk: string;
  kind: string;
  recordId: string;
  data: unknown;
  createdAt: string;
  updatedAt: string;
  ttl?: number;
  /** Random per write: after an ambiguous failure it tells "my write is the one stored" from someone else's. */
  writeId?: string;
  _etag?: string;
}

/** A transient failure retried by the store; for logs (by code) and fault tests. */
export interface StoreRetryEvent {
  readonly action: string;
  readonly attempt: number;
  readonly delayMs: number;
  /** The HTTP status or network error code that was retried. */
  readonly code: string;
}

export interface CosmosStoreOptions {
  /** Local and test use: create the database and containers when absent. */
  readonly createContainers: boolean;
  readonly backoff?: Partial<BackoffPolicy>;
  readonly onRetry?: (event: StoreRetryEvent) => void;
  /** In [0, 1): injected by tests so back-off jitter is reproducible. */
  readonly random?: () => number;
  /** Retention periods set by the deployment instead of the data inventory's. */
  readonly retention?: RetentionOverrides;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { deadlineMs: 5000, baseDelayMs: 50, maxDelayMs: 1000 };

/**
 * Azure Cosmos DB implementation. Every kind lives in the container the data inventory names, partitioned on `/pk`.
 * Inserts use `create` (409 on a duplicate id), updates `replace` with IfMatch (412 when stale): never upsert+IfMatch,
 * which would recreate a deleted record (COS-5).
 *
 * Transient failures (503, 408, 449, 410, dropped connections) are retried with jittered back-off within one deadline
 * per operation; 429 is left to the SDK's throttling policy. A retried write may meet its own earlier attempt, which
 * committed although its response was lost: every create and replace carries a random `writeId`, so a 409 or 412
 * caused by our own write is recognised as success, and a genuine concurrent change is still a conflict.
 */
export class CosmosRecordStore implements RecordStore {
  private readonly healthId = randomUUID();

  private constructor(
    private readonly database: Database,
    private readonly clock: Clock,
    private readonly options: CosmosStoreOptions,
    private readonly backoff: BackoffPolicy,
  ) {}

  /**
   * Checks (or, for local and test use, creates) every container with its partition key and `defaultTtl` (COS-10).
   * Runs once at start-up; a failure rejects so the caller can retry, and nothing failed is cached (COS-9).
   */
  static async connect(database: Database, clock: Clock, options: CosmosStoreOptions): Promise<CosmosRecordStore> {
    const store = new CosmosRecordStore(database, clock, options, { ...DEFAULT_BACKOFF, ...options.backoff });
    if (options.createContainers) {
      await store.retrying('create database', ({ signal }) => database.client.databases.createIfNotExists({ id: database.id }, { abortSignal: signal }));
    }
    for (const spec of Object.values(CONTAINERS)) {
      if (options.createContainers) {
        await store.retrying(`create container ${spec.id}`, ({ signal }) =>
          database.containers.createIfNotExists(
            { id: spec.id, partitionKey: { paths: [PARTITION_KEY_PATH] }, defaultTtl: spec.defaultTtlSeconds },
            { abortSignal: signal },
          ),
        );
      }
      const { resource } = await store.retrying(`read container ${spec.id}`, ({ signal }) => database.container(spec.id).read({ abortSignal: signal }));
      if (resource === undefined) throw new StorageError(`container ${spec.id} does not exist`);
      // read as the service may send it: the SDK's types promise fields an older or misconfigured container can lack or null
      const settings: { defaultTtl?: number | null; partitionKey?: { paths?: readonly string[] } } = resource;
      if (settings.defaultTtl === undefined || settings.defaultTtl === null) {
        throw new StorageError(`container ${spec.id} has no defaultTtl: personal data would never expire`);
      }
      if (settings.partitionKey?.paths?.[0] !== PARTITION_KEY_PATH) {
        throw new StorageError(`container ${spec.id} must be partitioned on ${PARTITION_KEY_PATH}`);
      }
    }
    return store;
  }

  async create<T>(key: RecordKey, data: T): Promise<CreateResult<T>> {
    assertValidKey(key);
    const now = this.nowIso();
    const document = this.toDocument(key, data, now, now);
    const action = `create ${key.kind} ${key.id}`;
    try {
      const { resource } = await this.retrying(action, ({ signal }) =>
        this.container(key.kind).items.create<RecordDocument>(document, { abortSignal: signal }),
      );
      return { created: true, record: toRecord<T>(required(resource, key)) };
    } catch (error) {
      if (statusOf(error) !== 409) throw fromCosmosError(error, action);
    }
    const existing = await this.readDocument(key);
    if (existing === undefined) throw new StorageError(`${action}: record vanished after a conflict`);
    // our own earlier attempt committed and only its response was lost: this call did create it
    return { created: existing.writeId === document.writeId, record: toRecord<T>(existing) };
  }

  async get<T>(key: RecordKey): Promise<StoredRecord<T> | undefined> {
    assertValidKey(key);
    const document = await this.readDocument(key);
    return document === undefined ? undefined : toRecord<T>(document);
  }

  async replace<T>(current: StoredRecord<T>, data: T): Promise<StoredRecord<T>> {
    assertValidKey(current);
    const document = this.toDocument(current, data, current.createdAt, this.nowIso());
    const action = `replace ${current.kind} ${current.id}`;
    try {
      const { resource } = await this.retrying(action, ({ signal }) =>
        this.container(current.kind)
          .item(document.id, current.partitionKey)
          .replace<RecordDocument>(document, { accessCondition: { type: 'IfMatch', condition: current.etag }, abortSignal: signal }),
      );
      return toRecord<T>(required(resource, current));
    } catch (error) {
      // 404 means it was deleted since it was read: a conflict, as in the SQLite store
      if (statusOf(error) === 404) throw new ConflictError(`${action}: deleted since it was read`, { cause: error });
      if (statusOf(error) !== 412) throw fromCosmosError(error, action);
      // stale: either someone else changed it, or our own earlier attempt committed and its response was lost
      const stored = await this.readDocument(current);
      if (stored !== undefined && stored.writeId === document.writeId) return toRecord<T>(stored);
      throw fromCosmosError(error, action);
    }
  }

  async upsert<T>(key: RecordKey, data: T): Promise<StoredRecord<T>> {
    assertValidKey(key);
    const now = this.nowIso();
    const document = this.toDocument(key, data, now, now);
    const action = `upsert ${key.kind} ${key.id}`;
    try {
      // last writer wins: repeating it after an ambiguous failure is harmless
      const { resource } = await this.retrying(action, ({ signal }) =>
        this.container(key.kind).items.upsert<RecordDocument>(document, { abortSignal: signal }),
      );
      return toRecord<T>(required(resource, key));
    } catch (error) {
      throw fromCosmosError(error, action);
    }
  }

  async delete(key: RecordKey, etag?: string): Promise<boolean> {
    assertValidKey(key);
    const action = `delete ${key.kind} ${key.id}`;
    // `as boolean`: it is set inside the retried callback, which TypeScript's narrowing of a `let` does not follow
    let earlierAttemptMayHaveDeleted = false as boolean;
    try {
      await this.retrying(action, async ({ signal }) => {
        try {
          return await this.container(key.kind)
            .item(documentId(key), key.partitionKey)
            .delete({ abortSignal: signal, ...(etag === undefined ? {} : { accessCondition: { type: 'IfMatch', condition: etag } }) });
        } catch (error) {
          if (mayHaveCommitted(error)) earlierAttemptMayHaveDeleted = true;
          throw error;
        }
      });
      return true;
    } catch (error) {
      if (statusOf(error) === 404) {
        // gone on a retry after a dropped connection: the earlier attempt is what deleted it
        if (earlierAttemptMayHaveDeleted) return true;
        if (etag !== undefined) throw new ConflictError(`${action}: already deleted`, { cause: error });
        return false;
      }
      throw fromCosmosError(error, action);
    }
  }

  async list<T>(kind: RecordKind, query: ListQuery = {}): Promise<StoredRecord<T>[]> {
    const clauses = ['c.kind = @kind'];
    const parameters: SqlParameter[] = [{ name: '@kind', value: kind }];
    if (query.partitionKey !== undefined) {
      clauses.push('c.pk = @pk');
      parameters.push({ name: '@pk', value: query.partitionKey });
    }
    if (query.createdSince !== undefined) {
      clauses.push('c.createdAt >= @since');
      parameters.push({ name: '@since', value: query.createdSince });
    }
    Object.entries(query.where ?? {}).forEach(([field, value], index) => {
      assertValidField(field);
      clauses.push(`c.data.${field} = @v${index}`);
      parameters.push({ name: `@v${index}`, value });
    });
    try {
      const { resources } = await this.retrying(`list ${kind}`, ({ signal }) =>
        this.container(kind)
          .items.query<RecordDocument>(
            { query: `SELECT * FROM c WHERE ${clauses.join(' AND ')}`, parameters },
            query.partitionKey === undefined ? { abortSignal: signal } : { partitionKey: query.partitionKey, abortSignal: signal },
          )
          .fetchAll(),
      );
      // sorted here rather than with ORDER BY: result sets are small and this needs no composite index
      const records = resources.map((resource) => toRecord<T>(resource)).sort(oldestFirst);
      return query.limit === undefined ? records : records.slice(0, query.limit);
    } catch (error) {
      throw fromCosmosError(error, `list ${kind}`);
    }
  }

  /** Readiness: a real write and read back of a short-lived health record, not just "the account answers". */
  async ping(): Promise<void> {
    const key: RecordKey = { kind: 'health', partitionKey: 'health', id: this.healthId };
    const probe = randomUUID();
    await this.upsert(key, { probe });
    const stored = await this.get<{ probe: string }>(key);
    if (stored?.data.probe !== probe) throw new StorageError('ping: the health record written was not read back');
  }

  async close(): Promise<void> {
    // the CosmosClient is owned by whoever created it (one per process)
  }

  private async readDocument(key: RecordKey): Promise<RecordDocument | undefined> {
    const action = `read ${key.kind} ${key.id}`;
    try {
      // read() resolves with resource undefined on 404 instead of throwing
      const { resource } = await this.retrying(action, ({ signal }) =>
        this.container(key.kind).item(documentId(key), key.partitionKey).read<RecordDocument>({ abortSignal: signal }),
      );
      return resource;
    } catch (error) {
      throw fromCosmosError(error, action);
    }
  }

  private retrying<R>(action: string, attempt: (context: AttemptContext) => Promise<R>): Promise<R> {
    const { onRetry, random } = this.options;
    return retryWithBackoff(attempt, isTransientCosmosError, this.backoff, {
      random,
      onRetry: (event) => onRetry?.({ action, attempt: event.attempt, delayMs: event.delayMs, code: failureCodeOf(event.error) }),
    });
  }

  private container(kind: RecordKind): Container {
    const containerId: ContainerId = kindSpec(kind).container;
    return this.database.container(containerId);
  }

  private toDocument(key: RecordKey, data: unknown, createdAt: string, updatedAt: string): RecordDocument {
    const spec = kindSpec(key.kind);
    const ttl = ttlSecondsOf(key.kind, this.options.retention);
    const containerTtl = CONTAINERS[spec.container].defaultTtlSeconds;
    return {
      id: documentId(key),
      pk: key.partitionKey,
      kind: key.kind,
      recordId: key.id,
      data,
      createdAt,
      updatedAt,
      writeId: randomUUID(),
      ...(ttl === containerTtl ? {} : { ttl }),
    };
  }

  private nowIso(): string {
    return this.clock.now().toUTC().toISO() ?? '';
  }
}

/** Kinds share containers, so the document id carries the kind. */
function documentId(key: RecordKey): string {
  return `${key.kind}:${key.id}`;
}

function required(resource: RecordDocument | undefined, key: RecordKey): RecordDocument {
  if (resource === undefined) throw new StorageError(`write ${key.kind} ${key.id}: no document returned`);
  return resource;
}

function toRecord<T>(document: RecordDocument): StoredRecord<T> {
  return {
    kind: document.kind as RecordKind,
    partitionKey: document.pk,
    id: document.recordId,
    data: document.data as T,
    etag: document._etag ?? '',
    createdAt: document.createdAt,
    updatedAt: document.updatedAt,
  };
}

function oldestFirst(a: StoredRecord<unknown>, b: StoredRecord<unknown>): number {
  return a.createdAt === b.createdAt ? a.id.localeCompare(b.id) : a.createdAt.localeCompare(b.createdAt);
}
