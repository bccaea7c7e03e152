import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { Logger } from '../../logger';
import type { RecordStore } from '../../storage/record-store';
import { TypedRecords } from '../../storage/typed-records';

/** A CSV of suppressed counts, kept for a day behind an unguessable link (no personal data in it). */
export interface ReportExport {
  readonly filename: string;
  readonly csv: string;
  readonly createdBy: string;
}

const exportSchema = z.object({ filename: z.string(), csv: z.string(), createdBy: z.string() });
const PARTITION = 'exports';
const TOKEN = /^[A-Za-z0-9_-]{32}$/;

/**
 * Exports are stored, not held in memory, so the instance that serves the download need not be the one that made it.
 * The token is the only key: 24 random bytes, so it cannot be guessed.
 */
export class ReportExports {
  private readonly records: TypedRecords<ReportExport>;

  constructor(records: RecordStore, logger?: Logger) {
    this.records = new TypedRecords(records, 'report-export', exportSchema, logger);
  }

  async save(data: ReportExport): Promise<string> {
    const token = randomBytes(24).toString('base64url');
    await this.records.create({ partitionKey: PARTITION, id: token }, data);
    return token;
  }

  async get(token: string): Promise<ReportExport | undefined> {
    if (!TOKEN.test(token)) return undefined;
    return (await this.records.get({ partitionKey: PARTITION, id: token }))?.data;
  }
}
