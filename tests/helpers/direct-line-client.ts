/** A minimal Direct Line 3.0 client, speaking to the embedded endpoint the way Web Chat does (polling). */
export class DirectLineClient {
  private watermark = '';
  conversationId = '';
  userId = '';
  private token = '';

  constructor(private readonly baseUrl: string) {}

  /** `cookie`: what the page's browser sends to the token route (e.g. a sign-in session). */
  async start(request: { page?: 'carers' | 'public'; user?: string } = {}, cookie?: string): Promise<void> {
    const issued = await this.json<{ token: string; userId: string }>('/api/directline/token', 'POST', request, false, cookie);
    this.token = issued.token;
    this.userId = issued.userId;
    const conversation = await this.json<{ conversationId: string }>('/v3/directline/conversations', 'POST');
    this.conversationId = conversation.conversationId;
  }

  async send(activity: Record<string, unknown>): Promise<string> {
    const posted = await this.json<{ id: string }>(`/v3/directline/conversations/${this.conversationId}/activities`, 'POST', activity);
    return posted.id;
  }

  /** Activities from the bot since the last call. */
  async botActivities(): Promise<{ type: string; text?: string; attachments?: unknown[] }[]> {
    const page = await this.json<{ activities: { type: string; text?: string; from: { role?: string } }[]; watermark: string }>(
      `/v3/directline/conversations/${this.conversationId}/activities?watermark=${this.watermark}`,
      'GET',
    );
    this.watermark = page.watermark;
    return page.activities.filter((a) => a.from.role === 'bot');
  }

  private async json<T>(route: string, method: string, body?: unknown, authorised = true, cookie?: string): Promise<T> {
    const response = await fetch(`${this.baseUrl}${route}`, {
      method,
      headers: {
        'Content-Type': 'application/json',
        ...(authorised ? { Authorization: `Bearer ${this.token}` } : {}),
        ...(cookie === undefined ? {} : { Cookie: cookie }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${method} ${route} -> ${response.status}`);
    return (await response.json()) as T;
  }
}
