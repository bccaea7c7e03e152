/** What a carer request dialog is started with: server-side facts and the activity that started it. */
export interface RequestDialogOptions {
  /** Deterministic id from the first activity: a redelivered activity cannot create a second record. */
  readonly requestId: string;
  readonly carerAudience: string;
  readonly carerDisplayName?: string;
  readonly channel: string;
  readonly text: string;
}
