import { z } from 'zod';
import { fixedClock } from '../helpers/fixed-clock';
import { AppError } from '../../bot/errors';
import { createCapturingLogger } from '../helpers/capturing-logger';
import type { RecordStore } from '../../bot/storage/record-store';
import { SqliteRecordStore } from '../../bot/storage/sqlite-record-store';
import { CorruptDocumentError, TypedRecords } from '../../bot/storage/typed-records';

const schema = z.object({ name: z.string(), visits: z.number(), tags: z.record(z.string(), z.string()).optional() }).readonly();
type Doc = z.infer<typeof schema>;

let store: RecordStore;
beforeEach(() => {
  store = SqliteRecordStore.open(':memory:', fixedClock('2026-03-02T10:00:00Z'));
});
afterEach(async () => {
  await store.close();
});

const at = (id: string) => ({ partitionKey: 'p1', id });
const raw = (id: string, data: unknown) => store.create({ kind: 'feedback', partitionKey: 'p1', id }, data);

async function failureOf(read: Promise<unknown>): Promise<CorruptDocumentError> {
  const error: unknown = await read.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CorruptDocumentError);
  return error as CorruptDocumentError;
}

describe('TypedRecords', () => {
  it('hands back a valid document as stored, unknown fields included (a newer release may have added them)', async () => {
    const docs = new TypedRecords<Doc>(store, 'feedback', schema, createCapturingLogger());
    await raw('a', { name: 'Jane Doe', visits: 2, addedLater: 'kept' });
    const read = await docs.get(at('a'));
    expect(read?.data).toEqual({ name: 'Jane Doe', visits: 2, addedLater: 'kept' });
    await docs.replace(read!, { ...read!.data, visits: 3 });
    expect((await store.get({ kind: 'feedback', partitionKey: 'p1', id: 'a' }))?.data).toEqual({ name: 'Jane Doe', visits: 3, addedLater: 'kept' });
  });

  it('get throws STORAGE_CORRUPT_DOCUMENT naming the kind, id and failing paths, never the values, with the ZodError as cause', async () => {
    await raw('broken-1', { name: 'Jane Doe', visits: 'seven', tags: { 'Jane Doe': 1 } });
    const error = await failureOf(new TypedRecords<Doc>(store, 'feedback', schema, createCapturingLogger()).get(at('broken-1')));
    expect(error).toBeInstanceOf(AppError);
    expect(error.code).toBe('STORAGE_CORRUPT_DOCUMENT');
    expect(error.message).toContain('feedback record broken-1');
    expect(error.message).toContain('visits (invalid_type)');
    // a record key is data: shown as *, not as the name
    expect(error.message).toContain('tags.* (invalid_type)');
    expect(error.message).not.toMatch(/Jane|seven/);
    expect(error.cause).toBeInstanceOf(z.ZodError);
    expect(error.document).toEqual({ kind: 'feedback', partitionKey: 'p1', id: 'broken-1', etag: expect.any(String) });
  });

  it('get logs the document it refused once per version, by code, with a hashed id and no values', async () => {
    const logger = createCapturingLogger();
    const docs = new TypedRecords<Doc>(store, 'feedback', schema, logger);
    await raw('carer-jane-doe', { name: 'Jane Doe', visits: 'seven' });
    await failureOf(docs.get(at('carer-jane-doe')));
    await failureOf(docs.get(at('carer-jane-doe')));
    expect(logger.lines).toHaveLength(1);
    expect(JSON.parse(logger.lines[0]!)).toMatchObject({
      level: 'error',
      code: 'STORAGE_CORRUPT_DOCUMENT',
      kind: 'feedback',
      partition: 'p1',
      paths: 'visits (invalid_type)',
    });
    expect(logger.lines[0]).not.toMatch(/jane|seven/i);
  });

  it('names a missing field and a document that is not an object at all', async () => {
    await raw('no-visits', { name: 'x' });
    await raw('a-string', 'just text');
    const docs = new TypedRecords<Doc>(store, 'feedback', schema, createCapturingLogger());
    expect((await failureOf(docs.get(at('no-visits')))).paths).toBe('visits (invalid_type)');
    expect((await failureOf(docs.get(at('a-string')))).paths).toBe('(root) (invalid_type)');
  });

  it('find and create-with-a-taken-id check the stored document like get; add does not read it', async () => {
    await raw('taken', { name: 'x', visits: 'many' });
    const docs = new TypedRecords<Doc>(store, 'feedback', schema, createCapturingLogger());
    await failureOf(docs.find({ partitionKey: 'p1', where: { name: 'x' } }));
    await failureOf(docs.create(at('taken'), { name: 'y', visits: 1 }));
    // add only says the id was taken: it neither writes nor reads the stored document
    expect(await docs.add(at('taken'), { name: 'y', visits: 1 })).toBeUndefined();
    expect((await store.get({ kind: 'feedback', partitionKey: 'p1', id: 'taken' }))?.data).toEqual({ name: 'x', visits: 'many' });
    expect((await docs.add(at('added'), { name: 'y', visits: 1 }))?.data).toEqual({ name: 'y', visits: 1 });
    const fresh = await docs.create(at('fresh'), { name: 'y', visits: 1 });
    expect(fresh.created).toBe(true);
    expect((await docs.create(at('fresh'), { name: 'z', visits: 2 })).record.data).toEqual({ name: 'y', visits: 1 });
  });

  it('list leaves a corrupt document out and logs it once per version, by code, with a hashed id and no values', async () => {
    const logger = createCapturingLogger();
    const docs = new TypedRecords<Doc>(store, 'feedback', schema, logger);
    await raw('good-1', { name: 'Ann', visits: 1 });
    await raw('carer-jane-doe', { name: 'Jane Doe', visits: 'seven' });
    await raw('good-2', { name: 'Bob', visits: 2 });

    expect((await docs.list({ partitionKey: 'p1' })).map((r) => r.id)).toEqual(['good-1', 'good-2']);
    await docs.list({ partitionKey: 'p1' });
    expect(logger.lines).toHaveLength(1);
    const line = JSON.parse(logger.lines[0]!) as Record<string, unknown>;
    expect(line).toMatchObject({ level: 'error', code: 'STORAGE_CORRUPT_DOCUMENT', kind: 'feedback', partition: 'p1', paths: 'visits (invalid_type)' });
    expect(line.recordId).toMatch(/^#/);
    expect(logger.lines[0]).not.toMatch(/jane|seven/i);

    // changed (still wrong): a new version, logged again
    const stored = await store.get({ kind: 'feedback', partitionKey: 'p1', id: 'carer-jane-doe' });
    await store.replace(stored!, { name: 'Jane Doe' });
    await docs.list({ partitionKey: 'p1' });
    expect(logger.lines).toHaveLength(2);
    expect(JSON.parse(logger.lines[1]!)).toMatchObject({ paths: 'visits (invalid_type)' });
  });
});
