import { readFile } from 'node:fs/promises';
import { createApp, type App } from '../app';
import type { Clock } from '../clock';
import { loadConfig } from '../config';
import { turnRef, type Decision } from '../domain/decisions';
import { createLogger } from '../logger';
import { SqliteRecordStore } from '../storage/sqlite-record-store';
import { systemClock } from '../clock';
import { ACTIONS, type Action } from '../content/taxonomy';
import type { StaffRole } from '../roles';
import { asList, LabelledMessageSchema, parseLabelledLines, type LabelledMessage } from '../understanding/labelled-message';

/** One line of an evaluation file, in the format of ../shared/eval/messages.public.jsonl. */
export const EvalLineSchema = LabelledMessageSchema;
export type EvalLine = LabelledMessage;

export interface EvalSummary {
  total: number;
  actionAccuracy: number | null;
  topicAccuracy: number | null;
  themeAccuracy: number | null;
  /** Signposted recall: the turn signposted 999 and the duty / out-of-hours contact. */
  emergencyRecall: number | null;
  emergencyFalseAlarmRate: number | null;
  retentionRecall: number | null;
  retentionPrecision: number | null;
  fallbackPrecision: number | null;
  fallbackRecall: number | null;
}

/** Per action: precision over what the bot decided, recall over lines whose only expected action it is. */
export interface ActionFigures {
  readonly action: Action;
  readonly precision: number | null;
  readonly recall: number | null;
  readonly decided: number;
  readonly expected: number;
}

/** What a scored turn was decided as (a stored decision, or an understanding in cross-validation). */
export type ScoredDecision = Pick<Decision, 'action' | 'topic' | 'theme' | 'signposted'>;

export interface EvalResult {
  readonly summary: EvalSummary;
  readonly mismatches: readonly string[];
  readonly perAction: readonly ActionFigures[];
  /** "expected -> decided" with how often, most frequent first. */
  readonly confusions: readonly { readonly expected: string; readonly decided: string; readonly count: number }[];
}

const TENANT = 'evaluation-tenant';
const STAFF_IDS = { manager: 'eval-manager', 'recruitment-officer': 'eval-recruiter', 'association-rep': 'eval-association' } as const;

export async function readEvalFile(file: string): Promise<EvalLine[]> {
  return parseLabelledLines(await readFile(file, 'utf8'), file);
}

/** The user id a line is sent as: its persona's, plus any extra roles the line lists (configured for that id). */
function userIdOf(line: EvalLine, index: number): string {
  const base = line.persona === 'carer' ? `eval-carer-${index}` : line.persona === 'enquirer' ? `eval-public-${index}` : STAFF_IDS[line.persona];
  const extra = (line.roles ?? []).filter((role) => role !== line.persona && role !== 'carer');
  return extra.length === 0 ? base : `${base}-${extra.join('-')}`;
}

/** Role variables for every user id the lines use: persona roles, plus listed roles such as content-editor. */
function roleEnvironment(lines: readonly EvalLine[]): Record<string, string> {
  const ids: Record<StaffRole, Set<string>> = {
    manager: new Set([STAFF_IDS.manager]),
    'recruitment-officer': new Set([STAFF_IDS['recruitment-officer']]),
    'association-rep': new Set([STAFF_IDS['association-rep']]),
    'content-editor': new Set(),
    admin: new Set(),
  };
  lines.forEach((line, index) => {
    const id = userIdOf(line, index);
    if (line.persona !== 'carer' && line.persona !== 'enquirer') ids[line.persona].add(id);
    for (const role of line.roles ?? []) if (role !== 'carer') ids[role].add(id);
  });
  const csv = (role: StaffRole) => [...ids[role]].join(',');
  return {
    MANAGER_IDS: csv('manager'),
    RECRUITMENT_OFFICER_IDS: csv('recruitment-officer'),
    ASSOCIATION_REP_IDS: csv('association-rep'),
    CONTENT_EDITOR_IDS: csv('content-editor'),
    ADMIN_IDS: csv('admin'),
  };
}

/** The persona's usual channel and identity: carers and staff on Teams, enquirers on the public web page. */
function activityFor(line: EvalLine, index: number) {
  const conversationId = `eval-${index}-${line.id}`;
  const activityId = `eval-activity-${index}`;
  if (line.persona === 'enquirer') {
    return { channelId: 'webchat', conversationId, activityId, from: { id: `dl_pub_eval${index}` }, extra: {} };
  }
  const aadObjectId = userIdOf(line, index);
  return {
    channelId: 'msteams',
    conversationId,
    activityId,
    from: { id: `29:${aadObjectId}`, aadObjectId },
    extra: { channelData: { tenant: { id: TENANT } }, conversation: { id: conversationId, conversationType: 'personal', tenantId: TENANT } },
  };
}

/** Runs every line through the real bot over HTTP (adapter, middleware, dialogs, stores) and reads each decision. */
export async function evaluate(lines: readonly EvalLine[], options: { contentDir?: string; clock?: Clock } = {}): Promise<EvalResult> {
  const config = loadConfig({
    CONTENT_DIR: options.contentDir ?? 'content',
    ALLOWED_TENANT_IDS: TENANT,
    ...roleEnvironment(lines),
  });
  const clock = options.clock ?? systemClock;
  const records = SqliteRecordStore.open(':memory:', clock);
  const app: App = await createApp(config, { logger: createLogger({ write: () => undefined }, 'error'), records, clock });
  await new Promise<void>((resolve) => {
    app.server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = app.server.address();
  const decisions: (Decision | undefined)[] = [];
  try {
    for (const [index, line] of lines.entries()) {
      const { channelId, conversationId, activityId, from, extra } = activityFor(line, index);
      const response = await fetch(`http://127.0.0.1:${port}/api/messages`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          type: 'message',
          id: activityId,
          text: line.text,
          channelId,
          serviceUrl: 'http://127.0.0.1:9/',
          deliveryMode: 'expectReplies',
          from,
          recipient: { id: 'bot' },
          conversation: { id: conversationId },
          locale: 'en-GB',
          ...extra,
        }),
      });
      if (!response.ok) throw new Error(`line ${line.id}: the bot answered HTTP ${response.status}`);
      decisions.push(await app.decisions.forTurn(turnRef(channelId, conversationId, activityId)));
    }
  } finally {
    await app.close();
  }
  return score(lines, decisions);
}

const ratio = (hits: number, of: number): number | null => (of === 0 ? null : Math.round((hits / of) * 1000) / 1000);

/** The figures of ../shared/spec/taxonomy.md ("Evaluation files and how they are scored"). */
export function score(lines: readonly EvalLine[], decisions: readonly (ScoredDecision | undefined)[]): EvalResult {
  const counter = () => ({ hits: 0, of: 0 });
  const tally = {
    action: 0,
    topic: counter(),
    theme: counter(),
    emergency: counter(),
    falseAlarm: counter(),
    retRecall: counter(),
    retPrecision: counter(),
    fbPrecision: counter(),
    fbRecall: counter(),
  };
  const count = (c: { hits: number; of: number }, hit: boolean) => {
    c.of += 1;
    if (hit) c.hits += 1;
  };
  const byAction = new Map<Action, { precision: { hits: number; of: number }; recall: { hits: number; of: number } }>(
    ACTIONS.map((a) => [a, { precision: counter(), recall: counter() }]),
  );
  const confusions = new Map<string, number>();
  const mismatches: string[] = [];
  lines.forEach((line, index) => {
    const decision = decisions[index];
    const actions = asList(line.expect.action);
    const exactly = (action: string) => actions.length === 1 && actions[0] === action;
    const actionOk = decision !== undefined && actions.includes(decision.action);
    const signposted = decision?.action === 'emergency' || decision?.signposted === true;
    if (actionOk) tally.action += 1;
    else {
      const key = `${actions.join('|')} -> ${decision?.action ?? 'no decision'}`;
      confusions.set(key, (confusions.get(key) ?? 0) + 1);
    }
    const topics = asList(line.expect.topic);
    let topicOk = true;
    if (topics.length > 0) {
      topicOk = decision?.topic !== undefined && topics.includes(decision.topic);
      count(tally.topic, topicOk);
    }
    const themes = asList(line.expect.theme);
    let themeOk = true;
    if (themes.length > 0) {
      themeOk = decision?.theme !== undefined && themes.includes(decision.theme);
      count(tally.theme, themeOk);
    }
    if (exactly('emergency')) count(tally.emergency, signposted);
    if (!actions.includes('emergency')) count(tally.falseAlarm, signposted);
    if (exactly('retention')) count(tally.retRecall, decision?.action === 'retention');
    if (decision?.action === 'retention') count(tally.retPrecision, actions.includes('retention'));
    if (decision?.action === 'fallback') count(tally.fbPrecision, actions.includes('fallback'));
    if (exactly('fallback')) count(tally.fbRecall, decision?.action === 'fallback');
    if (decision !== undefined) {
      const figures = byAction.get(decision.action);
      if (figures !== undefined) count(figures.precision, actions.includes(decision.action));
    }
    if (actions.length === 1) {
      const figures = byAction.get(actions[0] as Action);
      if (figures !== undefined) count(figures.recall, decision?.action === actions[0]);
    }
    if (!actionOk || !topicOk || !themeOk) {
      mismatches.push(
        `${line.id} [${line.persona}] expected ${actions.join('|')}${topics.length ? `/${topics.join('|')}` : ''}${themes.length ? ` theme ${themes.join('|')}` : ''}` +
          ` got ${decision?.action ?? 'no decision'}${decision?.topic ? `/${decision.topic}` : ''}${decision?.theme ? ` theme ${decision.theme}` : ''}${decision?.signposted ? ' (signposted)' : ''}: ${line.text.slice(0, 100)}`,
      );
    }
  });
  return {
    mismatches,
    perAction: [...byAction]
      .filter(([, f]) => f.precision.of + f.recall.of > 0)
      .map(([action, f]) => ({
        action,
        precision: ratio(f.precision.hits, f.precision.of),
        recall: ratio(f.recall.hits, f.recall.of),
        decided: f.precision.of,
        expected: f.recall.of,
      })),
    confusions: [...confusions]
      .map(([key, n]) => {
        const [expected = '', decided = ''] = key.split(' -> ');
        return { expected, decided, count: n };
      })
      .sort((a, b) => b.count - a.count || a.expected.localeCompare(b.expected))
      .slice(0, 10),
    summary: {
      total: lines.length,
      actionAccuracy: ratio(tally.action, lines.length),
      topicAccuracy: ratio(tally.topic.hits, tally.topic.of),
      themeAccuracy: ratio(tally.theme.hits, tally.theme.of),
      emergencyRecall: ratio(tally.emergency.hits, tally.emergency.of),
      emergencyFalseAlarmRate: ratio(tally.falseAlarm.hits, tally.falseAlarm.of),
      retentionRecall: ratio(tally.retRecall.hits, tally.retRecall.of),
      retentionPrecision: ratio(tally.retPrecision.hits, tally.retPrecision.of),
      fallbackPrecision: ratio(tally.fbPrecision.hits, tally.fbPrecision.of),
      fallbackRecall: ratio(tally.fbRecall.hits, tally.fbRecall.of),
    },
  };
}

/** The report `npm run eval` prints before its last line: per-action figures and the top confusions. */
export function formatBreakdown(result: EvalResult): string[] {
  const pct = (v: number | null) => (v === null ? '  -  ' : v.toFixed(3));
  return [
    'action               precision recall  decided expected',
    ...result.perAction.map(
      (f) =>
        `${f.action.padEnd(20)} ${pct(f.precision).padStart(9)} ${pct(f.recall).padStart(6)} ${String(f.decided).padStart(8)} ${String(f.expected).padStart(8)}`,
    ),
    'top confusions (expected -> decided):',
    ...result.confusions.map((c) => `  ${String(c.count).padStart(3)}  ${c.expected} -> ${c.decided}`),
  ];
}
