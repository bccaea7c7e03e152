import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Clock } from '../../clock';
import { ConflictError } from '../../errors';
import { messages } from '../../messages';
import type { RecordStore, StoredRecord } from '../../storage/record-store';

/**
 * A Direct Line 3.0-compatible channel hosted by the service itself, for the embedded (no Azure) default. The page's
 * Web Chat talks to it by polling; the bot replies to it as to any channel, through its connector routes. Sessions and
 * activities live in the record store, so any instance sharing the store can serve any page.
 */
export const EMBEDDED_CHANNEL_ID = 'webchat';
export const EMBEDDED_BOT = { id: 'foster-carer-assistant', name: messages.assistantName, role: 'bot' } as const;
const TOKEN_LIFETIME_SECONDS = 1800;

export interface ChannelActivity {
  type: string;
  id?: string;
  timestamp?: string;
  channelId?: string;
  serviceUrl?: string;
  conversation?: { id: string };
  from?: { id: string; name?: string; role?: string };
  recipient?: { id: string; name?: string; role?: string };
  replyToId?: string;
  text?: string;
  [field: string]: unknown;
}

interface TokenSession {
  readonly userId: string;
  /** A signed-in carer's display name, stamped on their activities as Teams stamps it; nobody else has one. */
  readonly userName?: string;
  readonly conversationId?: string;
  readonly expiresAt: string;
}

interface ConversationSession {
  readonly userId: string;
  /** A hint for the next free sequence number; the create-if-absent on each activity is what guarantees order. */
  readonly nextSeq: number;
}

interface ConnectorKey {
  readonly secret: string;
}

const CONNECTOR_KEY_RECORD = { kind: 'directline-session', partitionKey: 'connector-key', id: 'connector-key' } as const;

interface StoredActivity {
  readonly seq: number;
  readonly activity: ChannelActivity;
}

export class DirectLineAuthError extends Error {
  override name = 'DirectLineAuthError';
}

export class EmbeddedDirectLine {
  constructor(
    private readonly records: RecordStore,
    private readonly clock: Clock,
    /** Hands a user's activity to the bot (in-process, through the adapter). */
    private readonly deliver: (activity: ChannelActivity) => Promise<void>,
  ) {}

  /**
   * The secret in the serviceUrl the bot replies to, so only this service's own calls reach the connector routes.
   * Kept in the store (shared by instances, renewed when it expires) so stored conversation references stay valid.
   */
  async connectorKey(): Promise<string> {
    const existing = await this.records.get<ConnectorKey>(CONNECTOR_KEY_RECORD);
    if (existing !== undefined) return existing.data.secret;
    const { record } = await this.records.create<ConnectorKey>(CONNECTOR_KEY_RECORD, { secret: randomBytes(32).toString('base64url') });
    return record.data.secret;
  }

  async isConnectorKey(candidate: string): Promise<boolean> {
    const expected = createHash('sha256')
      .update(await this.connectorKey())
      .digest();
    return timingSafeEqual(expected, createHash('sha256').update(candidate).digest());
  }

  async issueToken(userId: string, userName?: string): Promise<{ token: string; expiresIn: number }> {
    // JWT-shaped like Azure Direct Line's, so Web Chat reads the bound user id from it; the random third part is the
    // secret, and only a hash of the whole token is stored
    const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    const payload = Buffer.from(JSON.stringify({ user: userId })).toString('base64url');
    const token = `${header}.${payload}.${randomBytes(32).toString('base64url')}`;
    await this.records.create<TokenSession>(tokenKey(token), { userId, ...(userName === undefined ? {} : { userName }), expiresAt: this.expiry() });
    return { token, expiresIn: TOKEN_LIFETIME_SECONDS };
  }

  async refreshToken(token: string): Promise<{ token: string; conversationId?: string; expires_in: number }> {
    const session = await this.session(token);
    await this.records.replace(session, { ...session.data, expiresAt: this.expiry() });
    return { token, conversationId: session.data.conversationId, expires_in: TOKEN_LIFETIME_SECONDS };
  }

  async startConversation(token: string): Promise<{ conversationId: string; token: string; expires_in: number }> {
    const session = await this.session(token);
    if (session.data.conversationId !== undefined) {
      return { conversationId: session.data.conversationId, token, expires_in: TOKEN_LIFETIME_SECONDS };
    }
    const conversationId = `dl-${randomBytes(16).toString('base64url')}`;
    await this.records.create<ConversationSession>(conversationKey(conversationId), { userId: session.data.userId, nextSeq: 0 });
    await this.records.replace(session, { ...session.data, conversationId });
    return { conversationId, token, expires_in: TOKEN_LIFETIME_SECONDS };
  }

  /** A user's activity from the page: identity and routing are stamped here, never taken from the client. */
  async postFromUser(token: string, conversationId: string, clientActivity: ChannelActivity, serviceUrl: string): Promise<{ id: string }> {
    const session = await this.session(token);
    if (session.data.conversationId !== conversationId) throw new DirectLineAuthError('token is not for this conversation');
    const { from: _ignoredFrom, recipient: _ignoredRecipient, conversation: _c, serviceUrl: _s, channelId: _ch, id: _id, ...rest } = clientActivity;
    const activity: ChannelActivity = {
      ...rest,
      type: clientActivity.type,
      channelId: EMBEDDED_CHANNEL_ID,
      serviceUrl,
      conversation: { id: conversationId },
      from: { id: session.data.userId, ...(session.data.userName === undefined ? {} : { name: session.data.userName }), role: 'user' },
      recipient: { ...EMBEDDED_BOT },
    };
    const stored = await this.append(conversationId, activity);
    await this.deliver(stored);
    return { id: stored.id ?? '' };
  }

  /** An activity the bot sent (reply or proactive) through the connector routes. */
  async postFromBot(conversationId: string, botActivity: ChannelActivity): Promise<{ id: string }> {
    const conversation = await this.records.get<ConversationSession>(conversationKey(conversationId));
    if (conversation === undefined) throw new DirectLineAuthError('unknown conversation');
    const stored = await this.append(conversationId, {
      ...botActivity,
      channelId: EMBEDDED_CHANNEL_ID,
      conversation: { id: conversationId },
      from: { ...EMBEDDED_BOT },
      recipient: { id: conversation.data.userId, role: 'user' },
    });
    return { id: stored.id ?? '' };
  }

  /** An edited bot activity (a refreshed card): re-delivered under its original id, which Web Chat replaces in place. */
  async updateFromBot(conversationId: string, activityId: string, botActivity: ChannelActivity): Promise<{ id: string }> {
    const conversation = await this.records.get<ConversationSession>(conversationKey(conversationId));
    if (conversation === undefined) throw new DirectLineAuthError('unknown conversation');
    await this.append(
      conversationId,
      {
        ...botActivity,
        channelId: EMBEDDED_CHANNEL_ID,
        conversation: { id: conversationId },
        from: { ...EMBEDDED_BOT },
        recipient: { id: conversation.data.userId, role: 'user' },
      },
      activityId,
    );
    return { id: activityId };
  }

  async activitiesSince(token: string, conversationId: string, watermark: string | undefined): Promise<{ activities: ChannelActivity[]; watermark: string }> {
    const session = await this.session(token);
    if (session.data.conversationId !== conversationId) throw new DirectLineAuthError('token is not for this conversation');
    const after = watermark === undefined || watermark === '' ? -1 : Number.parseInt(watermark, 10);
    const stored = await this.records.list<StoredActivity>('directline-activity', { partitionKey: conversationId });
    const fresh = stored
      .map((r) => r.data)
      .filter((a) => a.seq > after)
      .sort((a, b) => a.seq - b.seq);
    const last = fresh.at(-1)?.seq ?? after;
    // the serviceUrl carries the connector key: the page never sees it
    return { activities: fresh.map(({ activity: { serviceUrl: _hidden, ...visible } }) => visible), watermark: String(Math.max(last, -1)) };
  }

  private async append(conversationId: string, activity: ChannelActivity, keepId?: string): Promise<ChannelActivity> {
    const conversation = await this.records.get<ConversationSession>(conversationKey(conversationId));
    let seq = conversation?.data.nextSeq ?? 0;
    for (;;) {
      const stamped: ChannelActivity = {
        ...activity,
        id: keepId ?? `${conversationId}|${String(seq).padStart(7, '0')}`,
        timestamp: this.clock.now().toUTC().toISO() ?? undefined,
      };
      const result = await this.records.create<StoredActivity>(
        { kind: 'directline-activity', partitionKey: conversationId, id: String(seq).padStart(7, '0') },
        { seq, activity: stamped },
      );
      if (result.created) {
        await this.bumpHint(conversationId, seq + 1);
        return stamped;
      }
      seq += 1;
    }
  }

  private async bumpHint(conversationId: string, nextSeq: number): Promise<void> {
    const current = await this.records.get<ConversationSession>(conversationKey(conversationId));
    if (current === undefined || current.data.nextSeq >= nextSeq) return;
    try {
      await this.records.replace(current, { ...current.data, nextSeq });
    } catch (error) {
      // another writer moved the hint on: it is only a hint
      if (!(error instanceof ConflictError)) throw error;
    }
  }

  private async session(token: string): Promise<StoredRecord<TokenSession>> {
    const session = await this.records.get<TokenSession>(tokenKey(token));
    if (session === undefined || session.data.expiresAt < (this.clock.now().toUTC().toISO() ?? '')) {
      throw new DirectLineAuthError('unknown or expired token');
    }
    return session;
  }

  private expiry(): string {
    return this.clock.now().plus({ seconds: TOKEN_LIFETIME_SECONDS }).toUTC().toISO() ?? '';
  }
}

function tokenKey(token: string) {
  // only a hash of the token is stored, so a copy of the store cannot be used to join someone's chat
  const id = `t-${createHash('sha256').update(token).digest('base64url').slice(0, 40)}`;
  return { kind: 'directline-session' as const, partitionKey: id, id };
}

function conversationKey(conversationId: string) {
  const id = `c-${conversationId}`;
  return { kind: 'directline-session' as const, partitionKey: id, id };
}
