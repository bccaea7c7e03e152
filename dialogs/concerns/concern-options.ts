/** What a concern dialog is started with: who the carer is (server-side facts) and the activity that started it. */
export interface ConcernDialogOptions {
  /** Deterministic id from the first activity: a redelivered activity cannot create a second concern. */
  readonly concernId: string;
  readonly carerAudience: string;
  readonly carerDisplayName?: string;
  readonly channel: string;
}

export const isPhoneOrEmail = (text: string): boolean =>
  /^[\w.+-]+@[\w-]+(\.[\w-]+)+$/.test(text.trim()) || /^\+?[\d\s()-]{9,20}$/.test(text.trim());
