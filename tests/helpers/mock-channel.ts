import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ChannelMessage {
  readonly conversationId: string;
  readonly method: 'POST' | 'PUT';
  readonly activityId?: string;
  readonly activity: { type: string; text?: string; attachments?: { content: { body?: { text?: string }[] } }[] };
}

/** A stand-in for the Teams/Bot Connector service: records what the bot sends proactively or as updates. */
export async function startMockChannel(): Promise<{ url: string; messages: ChannelMessage[]; stop(): Promise<void> }> {
  const messages: ChannelMessage[] = [];
  let counter = 0;
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
      counter += 1;
      messages.push({
        conversationId: decodeURIComponent(match[1] ?? ''),
        method: req.method === 'PUT' ? 'PUT' : 'POST',
        activityId: match[2] === undefined ? undefined : decodeURIComponent(match[2]),
        activity: JSON.parse(body || '{}'),
      });
      res.setHeader('Content-Type', 'application/json');
      res.end(JSON.stringify({ id: req.method === 'PUT' ? match[2] : `sent-${counter}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/`, messages, stop: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

export const cardTexts = (message: ChannelMessage): string =>
  [message.activity.text ?? '', ...(message.activity.attachments ?? []).flatMap((a) => (a.content.body ?? []).map((b) => b.text ?? ''))].join('\n');
