import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createApp, type App, type AppOptions } from '../../bot/app';
import { type Clock } from '../../bot/clock';
import { fixedClock } from './fixed-clock';
import { loadConfig, type Config } from '../../bot/config';
import type { LoadedContent } from '../../bot/content/load-content';
import { turnRef } from '../../bot/domain/decisions';
import { createCapturingLogger } from './capturing-logger';
import type { RecordStore } from '../../bot/storage/record-store';

export interface RunningApp {
  readonly app: App;
  readonly baseUrl: string;
  readonly logLines: string[];
  readonly dataDir: string;
  stop(): Promise<void>;
}

export interface TestAppOptions {
  readonly env?: Record<string, string>;
  readonly records?: RecordStore;
  readonly clock?: Clock;
  /** Content as loaded and then adjusted by the test (e.g. a session's capacity); by default the content folder. */
  readonly content?: LoadedContent;
  /** Share a data directory between two "processes" (two app instances on one SQLite file). */
  readonly dataDir?: string;
  /** Settings no environment variable offers, e.g. where channel tokens' signing keys are published. */
  readonly configure?: (config: Config) => Config;
  readonly routes?: AppOptions['routes'];
  readonly understanding?: AppOptions['understanding'];
}

/** Starts the real service (real adapter, bot, stores, content) on a loopback port chosen by the OS. */
export async function startTestApp(options: TestAppOptions = {}): Promise<RunningApp> {
  const ownDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'fca-app-'));
  const loaded = loadConfig({ DATA_DIR: dataDir, CONTENT_DIR: 'content', PORT: '0', ...options.env });
  const config = options.configure?.(loaded) ?? loaded;
  const logger = createCapturingLogger();
  const app = await createApp(config, {
    logger,
    records: options.records,
    content: options.content,
    clock: options.clock ?? fixedClock('2026-03-03T10:30:00Z'),
    routes: options.routes,
    understanding: options.understanding,
  });
  // restify types listen() as returning any; nothing here uses its result
  await new Promise<void>((resolve) => {
    // the OS chooses unless the test set PORT (a sign-in's redirect URI must name the port before the start)
    app.server.listen(config.port, '127.0.0.1', resolve);
  });
  const { port } = app.server.address();
  return {
    app,
    baseUrl: `http://127.0.0.1:${port}`,
    logLines: logger.lines,
    dataDir,
    stop: async () => {
      await app.close();
      if (ownDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface ActivityReply {
  readonly status: number;
  readonly activities: { type: string; text?: string; attachments?: unknown[] }[];
  readonly raw: unknown;
}

let activityCounter = 0;

/** A loopback port free at the moment of asking, for a test that must know its service's address before it starts. */
export async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/** POSTs an activity to /api/messages with deliveryMode expectReplies and returns the bot's replies. */
export async function sendActivity(baseUrl: string, activity: Record<string, unknown>, headers: Record<string, string> = {}): Promise<ActivityReply> {
  activityCounter += 1;
  const response = await fetch(`${baseUrl}/api/messages`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify({
      type: 'message',
      id: `activity-${activityCounter}`,
      channelId: 'webchat',
      serviceUrl: 'http://127.0.0.1:9/',
      deliveryMode: 'expectReplies',
      from: { id: 'dl_testuser' },
      recipient: { id: 'bot' },
      conversation: { id: `conversation-${activityCounter}` },
      ...activity,
    }),
  });
  const text = await response.text();
  let raw: unknown = text;
  try {
    raw = JSON.parse(text);
  } catch {
    // a non-JSON body (e.g. an error page) is returned raw for the assertion to show
  }
  const activities = (raw as { activities?: ActivityReply['activities'] } | undefined)?.activities ?? [];
  return { status: response.status, activities: activities.filter((a) => a.type === 'message'), raw };
}

/** Message texts, including prompts that Teams renders as hero cards (their text is in the card). */
export const replyTexts = (reply: ActivityReply): string[] =>
  reply.activities.map((a) => a.text ?? (a.attachments?.[0] as { content?: { text?: string } } | undefined)?.content?.text ?? '');

let turnCounter = 0;

/**
 * One turn in a named web conversation (as `dl_carer` unless `from` says otherwise): the replies, their texts, and
 * the decision the bot recorded for that very turn.
 */
export async function sendTurn(running: RunningApp, conversation: string, activity: Record<string, unknown>) {
  turnCounter += 1;
  const id = `turn-${turnCounter}`;
  const reply = await sendActivity(running.baseUrl, { id, conversation: { id: conversation }, from: { id: 'dl_carer' }, ...activity });
  return { reply, texts: replyTexts(reply), decision: await running.app.decisions.forTurn(turnRef('webchat', conversation, id)) };
}
