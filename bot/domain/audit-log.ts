import { randomUUID } from 'node:crypto';
import type { RecordStore } from '../storage/record-store';

/** Who (staff user id) did what to which record, when, by which route (DP-6). Carers never read this kind. */
export interface AuditEvent {
  readonly who: string;
  readonly what: string;
  readonly recordKind: string;
  readonly recordId: string;
  readonly at: string;
  readonly route: 'teams-card' | 'chat-command' | 'web-card' | 'system';
}

export class AuditLog {
  constructor(private readonly records: RecordStore) {}

  /** Each event is its own record: nothing relies on a change feed to see what happened (COS-11). */
  async record(event: AuditEvent): Promise<void> {
    await this.records.create({ kind: 'audit-event', partitionKey: event.at.slice(0, 7), id: randomUUID() }, event);
  }
}
