import type { Container, Database, ItemDefinition, SqlParameter } from '@azure/cosmos';
import type { Clock } from '../clock';
import { ConflictError, StorageError } from '../errors';
import { CONTAINERS, kindSpec, PARTITION_KEY_PATH, type ContainerId, type RecordKind } from './data-inventory';
import { fromCosmosError, statusOf } from './cosmos-errors';
import {
  assertValidField,
  assertValidKey,
  type CreateResult,
  type ListQuery,
  type RecordKey,
  type RecordStore,
  type StoredRecord,
} from './record-store';

interface RecordDocument extends ItemDefinition {
  id: string;
  pk: string;
  kind: string;
  recordId: string;
  data: unknown;
  createdAt: string;
  updatedAt: string;
  ttl?: number;
  _etag?: string;
}

/**
 * Azure Cosmos DB implementation. Every kind lives in the container the data inventory names, partitioned on `/pk`.
 * Inserts use `create` (409 on a duplicate id), updates `replace` with IfMatch (412 when stale): never upsert+IfMatch,
 * which would recreate a deleted record (COS-5).
 */
export class CosmosRecordStore implements RecordStore {
  private constructor(
    private readonly database: Database,
    private readonly clock: Clock,
  ) {}

  /**
   * Checks (or, for local and test use, creates) every container with its partition key and `defaultTtl` (COS-10).
   * Runs once at start-up; a failure rejects so the caller can retry, and nothing failed is cached (COS-9).
   */
  static async connect(database: Database, clock: Clock, options: { createContainers: boolean }): Promise<CosmosRecordStore> {
    if (options.createContainers) {
      await database.client.databases.createIfNotExists({ id: database.id });
    }
    for (const spec of Object.values(CONTAINERS)) {
      if (options.createContainers) {
        await database.containers.createIfNotExists({
          id: spec.id,
          partitionKey: { paths: [PARTITION_KEY_PATH] },
          defaultTtl: spec.defaultTtlSeconds,
        });
      }
      const { resource } = await database.container(spec.id).read();
      if (resource === undefined) throw new StorageError(`container ${spec.id} does not exist`);
      if (resource.defaultTtl === undefined || resource.defaultTtl === null) {
        throw new StorageError(`container ${spec.id} has no defaultTtl: personal data would never expire`);
      }
      if (resource.partitionKey?.paths?.[0] !== PARTITION_KEY_PATH) {
        throw new StorageError(`container ${spec.id} must be partitioned on ${PARTITION_KEY_PATH}`);
      }
    }
    return new CosmosRecordStore(database, clock);
  }

  async create<T>(key: RecordKey, data: T): Promise<CreateResult<T>> {
    assertValidKey(key);
    const now = this.nowIso();
    const document = this.toDocument(key, data, now, now);
    try {
      const { resource } = await this.container(key.kind).items.create<RecordDocument>(document);
      return { created: true, record: toRecord<T>(required(resource, key)) };
    } catch (error) {
      if (statusOf(error) !== 409) throw fromCosmosError(error, `create ${key.kind} ${key.id}`);
    }
    const existing = await this.get<T>(key);
    if (existing === undefined) throw new StorageError(`create ${key.kind} ${key.id}: record vanished after a conflict`);
    return { created: false, record: existing };
  }

  async get<T>(key: RecordKey): Promise<StoredRecord<T> | undefined> {
    assertValidKey(key);
    try {
      // read() resolves with resource undefined on 404 instead of throwing
      const { resource } = await this.container(key.kind).item(documentId(key), key.partitionKey).read<RecordDocument>();
      return resource === undefined ? undefined : toRecord<T>(resource);
    } catch (error) {
      throw fromCosmosError(error, `read ${key.kind} ${key.id}`);
    }
  }

  async replace<T>(current: StoredRecord<T>, data: T): Promise<StoredRecord<T>> {
    assertValidKey(current);
    const document = this.toDocument(current, data, current.createdAt, this.nowIso());
    try {
      const { resource } = await this.container(current.kind)
        .item(document.id, current.partitionKey)
        .replace<RecordDocument>(document, { accessCondition: { type: 'IfMatch', condition: current.etag } });
      return toRecord<T>(required(resource, current));
    } catch (error) {
      // 404 means it was deleted since it was read: a conflict, as in the SQLite store
      if (statusOf(error) === 404) {
        throw new ConflictError(`replace ${current.kind} ${current.id}: deleted since it was read`, { cause: error });
      }
      throw fromCosmosError(error, `replace ${current.kind} ${current.id}`);
    }
  }

  async upsert<T>(key: RecordKey, data: T): Promise<StoredRecord<T>> {
    assertValidKey(key);
    const now = this.nowIso();
    try {
      const { resource } = await this.container(key.kind).items.upsert<RecordDocument>(this.toDocument(key, data, now, now));
      return toRecord<T>(required(resource, key));
    } catch (error) {
      throw fromCosmosError(error, `upsert ${key.kind} ${key.id}`);
    }
  }

  async delete(key: RecordKey, etag?: string): Promise<boolean> {
    assertValidKey(key);
    try {
      await this.container(key.kind)
        .item(documentId(key), key.partitionKey)
        .delete(etag === undefined ? undefined : { accessCondition: { type: 'IfMatch', condition: etag } });
      return true;
    } catch (error) {
      if (statusOf(error) === 404) {
        if (etag !== undefined) throw new ConflictError(`delete ${key.kind} ${key.id}: already deleted`, { cause: error });
        return false;
      }
      throw fromCosmosError(error, `delete ${key.kind} ${key.id}`);
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
      const { resources } = await this.container(kind)
        .items.query<RecordDocument>(
          { query: `SELECT * FROM c WHERE ${clauses.join(' AND ')}`, parameters },
          query.partitionKey === undefined ? {} : { partitionKey: query.partitionKey },
        )
        .fetchAll();
      // sorted here rather than with ORDER BY: result sets are small and this needs no composite index
      const records = resources.map((resource) => toRecord<T>(resource)).sort(oldestFirst);
      return query.limit === undefined ? records : records.slice(0, query.limit);
    } catch (error) {
      throw fromCosmosError(error, `list ${kind}`);
    }
  }

  async ping(): Promise<void> {
    try {
      await this.database.read();
    } catch (error) {
      throw fromCosmosError(error, 'ping database');
    }
  }

  async close(): Promise<void> {
    // the CosmosClient is owned by whoever created it (one per process)
  }

  private container(kind: RecordKind): Container {
    const containerId: ContainerId = kindSpec(kind).container;
    return this.database.container(containerId);
  }

  private toDocument(key: RecordKey, data: unknown, createdAt: string, updatedAt: string): RecordDocument {
    const spec = kindSpec(key.kind);
    const containerTtl = CONTAINERS[spec.container].defaultTtlSeconds;
    return {
      id: documentId(key),
      pk: key.partitionKey,
      kind: key.kind,
      recordId: key.id,
      data,
      createdAt,
      updatedAt,
      ...(spec.ttlSeconds === containerTtl ? {} : { ttl: spec.ttlSeconds }),
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
