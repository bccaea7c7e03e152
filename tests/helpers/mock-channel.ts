import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ChannelMessage {
  readonly conversationId: string;
  readonly method: 'POST' | 'PUT';
  readonly activityId?: string;
  readonly activity: { type: string; text?: string; attachments?: { content: { body?: { text?: string }[] } }[] };
}

/**
 * How the channel answers a send: an HTTP status (2xx accepts it), or 'reset' to drop the connection (a network
 * failure). Tests set it per conversation to play a failing or stale connector.
 */
export type ChannelAnswer = number | 'reset';

export interface MockChannel {
  readonly url: string;
  /** Sends the channel accepted. */
  readonly messages: ChannelMessage[];
  /** Every send it was asked for, accepted or not, with how it answered. */
  readonly attempts: { readonly conversationId: string; readonly answer: ChannelAnswer }[];
  answer: (conversationId: string, method: 'POST' | 'PUT') => ChannelAnswer;
  stop(): Promise<void>;
}

/** A stand-in for the Teams/Bot Connector service: records what the bot sends proactively or as updates. */
export async function startMockChannel(): Promise<MockChannel> {
  const messages: ChannelMessage[] = [];
  const attempts: MockChannel['attempts'] = [];
  let counter = 0;
  const channel = { answer: (): ChannelAnswer => 200 } as Pick<MockChannel, 'answer'>;
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const match = /\/v3\/conversations\/([^/]+)\/activities(?:\/([^/?]+))?/.exec(req.url ?? '');
      if (match === null) {
        res.statusCode = 404;
        res.end();
        return;
      }
      const conversationId = decodeURIComponent(match[1] ?? '');
      const method = req.method === 'PUT' ? 'PUT' : 'POST';
      const answer = channel.answer(conversationId, method);
      attempts.push({ conversationId, answer });
      if (answer === 'reset') {
        req.socket.destroy();
        return;
      }
      if (answer >= 300) {
        res.statusCode = answer;
        res.setHeader('Content-Type', 'application/json');
        res.end(
          JSON.stringify({
            error: { code: answer === 403 ? 'BotNotInConversationRoster' : answer === 404 ? 'ConversationNotFound' : 'ServiceError', message: 'mock channel' },
          }),
        );
        return;
      }
      counter += 1;
      messages.push({
        conversationId,
        method,
        activityId: match[2] === undefined ? undefined : decodeURIComponent(match[2]),
        activity: JSON.parse(body || '{}') as ChannelMessage['activity'],
      });
      res.setHeader('Content-Type', 'application/json');
      res.end(JSON.stringify({ id: req.method === 'PUT' ? match[2] : `sent-${counter}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(channel, {
    url: `http://127.0.0.1:${port}/`,
    messages,
    attempts,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}

export const cardTexts = (message: ChannelMessage): string =>
  [message.activity.text ?? '', ...(message.activity.attachments ?? []).flatMap((a) => (a.content.body ?? []).map((b) => b.text ?? ''))].join('\n');
