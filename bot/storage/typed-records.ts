import { z } from 'zod';
import { AppError } from '../errors';
import { createLogger, opaqueId, type Logger } from '../logger';
import type { RecordKind } from './data-inventory';
import type { CreateResult, ListQuery, RecordKey, RecordStore, StoredRecord } from './record-store';

/** A record's place within one kind: the repository supplies the kind. */
export type RecordAddress = Omit<RecordKey, 'kind'>;

/**
 * Compile-time only: `true` when a schema accepts exactly the documents of type `T` (each assignable to the other),
 * for record types kept as interfaces rather than derived with `z.infer`. Use as
 * `true satisfies SchemaMatches<typeof fooSchema, Foo>;` next to the schema.
 */
export type SchemaMatches<S extends z.ZodType, T> = [z.output<S>] extends [T] ? ([T] extends [z.output<S>] ? true : false) : false;

/**
 * The schema of one stored kind. Its input type must be its output type: validation is a check, never a conversion
 * (no transforms, no defaults), because reads hand back the document as stored (see `parse` below).
 */
export type RecordSchema<T> = z.ZodType<T, T>;

/** The keys of a label table (`{ money: 'Money and allowances', … }`) as an enum schema. */
export function keyOf<K extends string>(labels: Readonly<Record<K, string>>): z.ZodEnum<{ [P in K]: P }> {
  return z.enum(Object.keys(labels) as [K, ...K[]]);
}

const MAX_PATHS = 10;
const MAX_REPORTED = 1000;
/** A path segment that is not a plain field name (a record key, say) could be someone's data: it is shown as `*`. */
const PLAIN_SEGMENT = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;

/** `carer.audience`, `history[2].at`, `(root)`: field names and indexes only, never a value. */
function pathOf(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(root)';
  return path
    .map((segment, i) =>
      typeof segment === 'number' ? `[${segment}]` : `${i === 0 ? '' : '.'}${typeof segment === 'string' && PLAIN_SEGMENT.test(segment) ? segment : '*'}`,
    )
    .join('');
}

/** The failing paths with the kind of failure (e.g. `contactBy (invalid_type)`): zod's messages are not used. */
function describeIssues(error: z.ZodError): string {
  const described = [...new Set(error.issues.map((issue) => `${pathOf(issue.path)} (${issue.code})`))];
  return described.length <= MAX_PATHS ? described.join(', ') : `${described.slice(0, MAX_PATHS).join(', ')} and ${described.length - MAX_PATHS} more`;
}

let fallbackLogger: Logger | undefined;

/**
 * The records of one kind (or one shape within a kind), checked against a zod schema on every read: a document
 * changed by hand in Cosmos DB, or written by an older release, never reaches a card or a message unchecked.
 *
 * - `get`, `find`, and `create` when the id is taken (it returns the stored record): a document that does not match
 *   the schema throws `AppError('STORAGE_CORRUPT_DOCUMENT')` naming the kind, partition, id and failing paths (never
 *   the values, which may be personal data), with the `ZodError` as `cause`. One record was asked for: answering
 *   "not found" instead would be untrue, and acting on a wrong shape is what this prevents.
 * - `list` leaves a corrupt document out and returns the others. A list answers a question about many records (the
 *   open concerns a manager works from, the notices the retry job sends, votes counted): one bad document must not
 *   hide the others or stop the job.
 *
 * Either way the document is logged as `STORAGE_CORRUPT_DOCUMENT` with the kind, partition, hashed id, etag and
 * failing paths, so it can be found and fixed (the error a caller logs carries the code only): once per version of
 * the document per repository (services, and so repositories, are built once at start), not on every run of a job.
 *
 * Writes are not checked here (the record types make them right at compile time); a read hands back the document
 * as stored, unknown fields included, so replacing a record written by a newer release keeps what it added.
 */
export class TypedRecords<T> {
  private readonly reported = new Set<string>();

  constructor(
    private readonly store: RecordStore,
    readonly kind: RecordKind,
    private readonly schema: RecordSchema<T>,
    /** Where corrupt documents are reported; without one, a process logger on stdout (never silence). */
    private readonly logger?: Logger,
  ) {}

  async get(address: RecordAddress): Promise<StoredRecord<T> | undefined> {
    const record = await this.store.get<unknown>(this.key(address));
    return record === undefined ? undefined : this.parse(record);
  }

  /** The first record matching `query`, checked like `get`: for lookups by a field rather than by id. */
  async find(query: Omit<ListQuery, 'limit'>): Promise<StoredRecord<T> | undefined> {
    const [record] = await this.store.list<unknown>(this.kind, { ...query, limit: 1 });
    return record === undefined ? undefined : this.parse(record);
  }

  /** Oldest first, without the documents that do not match the schema (each logged, see above). */
  async list(query?: ListQuery): Promise<StoredRecord<T>[]> {
    const records = await this.store.list<unknown>(this.kind, query);
    const valid: StoredRecord<T>[] = [];
    for (const record of records) {
      try {
        valid.push(this.parse(record));
      } catch (error) {
        // already logged by `parse`
        if (!(error instanceof CorruptDocumentError)) throw error;
      }
    }
    return valid;
  }

  /**
   * Writes a new record; `undefined` when the id was taken (a redelivery): nothing is written and the stored record is
   * not read, so a write whose caller only needs to know that does not fail on someone else's corrupt document.
   */
  async add(address: RecordAddress, data: T): Promise<StoredRecord<T> | undefined> {
    const result = await this.store.create<T>(this.key(address), data);
    return result.created ? result.record : undefined;
  }

  /** Writes a new record, or returns the one stored under the id, checked like `get`. */
  async create(address: RecordAddress, data: T): Promise<CreateResult<T>> {
    const result = await this.store.create<T>(this.key(address), data);
    return result.created ? result : { created: false, record: this.parse(result.record) };
  }

  async replace(current: StoredRecord<T>, data: T): Promise<StoredRecord<T>> {
    return this.store.replace<T>(current, data);
  }

  async upsert(address: RecordAddress, data: T): Promise<StoredRecord<T>> {
    return this.store.upsert<T>(this.key(address), data);
  }

  async delete(address: RecordAddress, etag?: string): Promise<boolean> {
    return this.store.delete(this.key(address), etag);
  }

  private parse(record: StoredRecord<unknown>): StoredRecord<T> {
    const checked = this.schema.safeParse(record.data);
    if (!checked.success) {
      const error = new CorruptDocumentError(record, describeIssues(checked.error), checked.error);
      this.report(error);
      throw error;
    }
    // the stored document itself, not zod's copy: the schema has no transforms, and unknown fields must survive
    return record as StoredRecord<T>;
  }

  private report(error: CorruptDocumentError): void {
    const { document } = error;
    const version = `${document.partitionKey}\u001f${document.id}\u001f${document.etag}`;
    if (this.reported.has(version)) return;
    if (this.reported.size >= MAX_REPORTED) this.reported.clear();
    this.reported.add(version);
    const logger = this.logger ?? (fallbackLogger ??= createLogger());
    logger.error('stored record does not match its schema', {
      code: error.code,
      kind: document.kind,
      partition: document.partitionKey,
      recordId: opaqueId(document.id),
      etag: document.etag,
      paths: error.paths,
    });
  }

  private key(address: RecordAddress): RecordKey {
    return { kind: this.kind, partitionKey: address.partitionKey, id: address.id };
  }
}

/** What a read of a document that does not match its kind's schema throws. */
export class CorruptDocumentError extends AppError {
  override name = 'CorruptDocumentError';

  /** Which document, without its data. */
  readonly document: RecordKey & { readonly etag: string };

  constructor(
    record: StoredRecord<unknown>,
    /** Field paths and failure kinds only: safe to log. */
    readonly paths: string,
    cause: z.ZodError,
  ) {
    super('STORAGE_CORRUPT_DOCUMENT', `${record.kind} record ${record.id} (partition ${record.partitionKey}) does not match its schema at: ${paths}`, {
      cause,
    });
    this.document = { kind: record.kind, partitionKey: record.partitionKey, id: record.id, etag: record.etag };
  }
}
