import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Logger } from '../logger';
import type { RecordStore } from '../storage/record-store';
import { TypedRecords } from '../storage/typed-records';

/** Who (staff user id) did what to which record, when, by which route (DP-6). Carers never read this kind. */
export const auditEventSchema = z
  .object({
    who: z.string(),
    what: z.string(),
    recordKind: z.string(),
    recordId: z.string(),
    at: z.string(),
    route: z.enum(['teams-card', 'chat-command', 'web-card', 'system']),
  })
  .readonly();
export type AuditEvent = z.infer<typeof auditEventSchema>;

export class AuditLog {
  private readonly events: TypedRecords<AuditEvent>;

  constructor(records: RecordStore, logger?: Logger) {
    this.events = new TypedRecords(records, 'audit-event', auditEventSchema, logger);
  }

  /** Each event is its own record: nothing relies on a change feed to see what happened (COS-11). */
  async record(event: AuditEvent): Promise<void> {
    await this.events.add({ partitionKey: event.at.slice(0, 7), id: randomUUID() }, event);
  }
}
