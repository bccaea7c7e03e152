import path from 'node:path';
import { CloudAdapter, type Activity, type CardAction } from 'botbuilder';
import type { Dialog, DialogTurnStatus } from 'botbuilder-dialogs';
import { DialogTestClient } from 'botbuilder-testing';
import type { Clock } from '../../../bot/clock';
import type { Article } from '../../../bot/content/article';
import { loadContent, type LoadedContent } from '../../../bot/content/load-content';
import { AuditLog } from '../../../bot/domain/audit-log';
import { Concerns } from '../../../bot/domain/concerns/concerns';
import { ServiceRequests } from '../../../bot/domain/requests/service-requests';
import { Training } from '../../../bot/domain/training/training';
import { createCapturingLogger } from '../../helpers/capturing-logger';
import { ConversationReferences } from '../../../bot/proactive/conversation-references';
import { NoticeOutbox } from '../../../bot/proactive/notice-outbox';
import { ProactiveSender } from '../../../bot/proactive/proactive-sender';
import { TeamsChannelStaff } from '../../../bot/proactive/staff-notifier';
import type { RecordStore } from '../../../bot/storage/record-store';
import { failingStore } from '../../helpers/failing-store';
import { SqliteRecordStore } from '../../../bot/storage/sqlite-record-store';
import { AnswerIndex } from '../../../bot/understanding/answer-index';
import { modelInputsOf } from '../../../bot/understanding/create-classifier';
import { ConcernDesk } from '../../../dialogs/concerns/concern-desk';
import type { CarerFlowOptions } from '../../../dialogs/flow-options';
import { GuidanceReplies } from '../../../dialogs/guidance/guidance-replies';
import { RequestDesk } from '../../../dialogs/requests/request-desk';
import type { TrainingBookingOptions } from '../../../dialogs/training/training-booking-dialog';
import type { FeedbackFlowOptions } from '../../../dialogs/feedback/feedback-dialog';
import { FeedbackDesk } from '../../../dialogs/feedback/feedback-desk';
import { FeedbackItems } from '../../../bot/domain/feedback/feedback-items';
import { ThemeResponses } from '../../../bot/domain/feedback/theme-responses';
import { FeedbackSubscriptions } from '../../../bot/domain/feedback/feedback-subscriptions';
import { ReportExports } from '../../../bot/domain/reports/report-exports';
import { renderThemeChart } from '../../../bot/charts/theme-chart';
import { WebContacts } from '../../../bot/domain/contact-details/web-contacts';

/** The real content (service profile, articles, training catalogue): tests assert on its values, never on copies. */
export const loadRealContent = (): Promise<LoadedContent> => loadContent(path.resolve('content'));

/** What the carer sees of one reply: its text (a hero card's text for a choice prompt) and the buttons offered. */
export interface Reply {
  readonly text: string | undefined;
  readonly buttons: readonly string[];
  readonly textFormat: string | undefined;
  /** A card sent without text (a guidance answer off Teams) carries its title here. */
  readonly summary: string | undefined;
}

interface HeroContent {
  readonly text?: string;
  readonly buttons?: readonly CardAction[];
}

function replyOf(activity: Partial<Activity>): Reply {
  const hero = (activity.attachments ?? []).find((a) => a.contentType === 'application/vnd.microsoft.card.hero')?.content as HeroContent | undefined;
  const suggested = activity.suggestedActions?.actions ?? [];
  return {
    text: activity.text ?? hero?.text,
    // botbuilder types a CardAction's title as always there; a button without one shows its value
    buttons: [...(hero?.buttons ?? []), ...suggested].map((b: { readonly title?: string; readonly value?: unknown }) => b.title ?? String(b.value)),
    textFormat: activity.textFormat,
    summary: activity.summary,
  };
}

/** A flow's start in a test: the options, and the message that starts it (sent as the first turn's activity). */
export type FlowStart = CarerFlowOptions & { readonly text: string };

/**
 * One conversation with one dialog, started with `options` on the first message (DialogTestClient begins the dialog
 * when nothing is active). `say` returns every reply of that turn, in order.
 */
export class DialogConversation {
  readonly client: DialogTestClient;

  constructor(dialog: Dialog, options: CarerFlowOptions | TrainingBookingOptions | FeedbackFlowOptions) {
    this.client = new DialogTestClient('test', dialog, options, []);
  }

  async say(text: string): Promise<Reply[]> {
    const first = (await this.client.sendActivity(text)) as Partial<Activity> | undefined;
    const replies: Partial<Activity>[] = first === undefined ? [] : [first];
    for (let next = this.next(); next !== undefined; next = this.next()) replies.push(next);
    return replies.map(replyOf);
  }

  /** The texts of a turn's replies, for the common case of asserting the whole turn at once. */
  async texts(text: string): Promise<(string | undefined)[]> {
    return (await this.say(text)).map((r) => r.text);
  }

  get status(): DialogTurnStatus {
    return this.client.dialogTurnResult.status;
  }

  get result(): unknown {
    return this.client.dialogTurnResult.result as unknown;
  }

  private next(): Partial<Activity> | undefined {
    return this.client.getNextReply();
  }
}

/** A value the test setup needs (a profile contact, a stored record): fails the test plainly when it is missing. */
export function required<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`test setup: ${what} is missing`);
  return value;
}

const opened: RecordStore[] = [];

/** Closes every store `desks` opened (call in afterEach). */
export async function closeStores(): Promise<void> {
  await Promise.all(opened.splice(0).map((store) => store.close()));
}

/** Working days a manager has to contact a carer: what the app is configured with by default. */
const CONTACT_WITHIN_WORKING_DAYS = 2;

/**
 * The desks the flow dialogs raise records through, built as the composition root builds them (bot/app.ts) over an
 * in-memory SQLite store that can be told to fail. No staff team is configured, so nothing is posted anywhere: the
 * proactive sender is never reached (its adapter is never used).
 */
export function desks(clock: Clock, content: LoadedContent) {
  const failing = failingStore(SqliteRecordStore.open(':memory:', clock));
  opened.push(failing.inner);
  const records = failing.store;
  const logger = createCapturingLogger();
  const proactive = new ProactiveSender(
    new CloudAdapter(),
    new ConversationReferences(records),
    { botAuth: {}, proactiveServiceUrlHosts: [], unauthenticated: { rolesByChannelUserId: false, loopbackServiceUrls: false, plainHttpPage: false } },
    logger,
  );
  const outbox = new NoticeOutbox(records, proactive, clock, logger, { retries: 0, retryAfterMinutes: 1 });
  const staff = new TeamsChannelStaff({});
  const audit = new AuditLog(records);
  const concerns = new Concerns(records, content.profile.id, {
    contactWithinWorkingDays: CONTACT_WITHIN_WORKING_DAYS,
    bankHolidays: content.profile.bankHolidays,
  });
  const requests = new ServiceRequests(records, content.profile.id);
  const training = new Training(content.training, records);
  const feedback = new FeedbackItems(records, content.profile.id);
  const subscriptions = new FeedbackSubscriptions(records);
  const webContacts = new WebContacts(records);
  return {
    failing,
    webContacts,
    contactDetails: { contacts: webContacts, logger },
    feedback,
    subscriptions,
    feedbackDesk: new FeedbackDesk({
      items: feedback,
      responses: new ThemeResponses(records, content.profile.id),
      subscriptions,
      exports: new ReportExports(records),
      audit,
      outbox,
      profile: content.profile,
      renderChart: renderThemeChart,
      clock,
      logger,
    }),
    concerns,
    requests,
    training,
    concernDesk: new ConcernDesk({ concerns, audit, proactive, outbox, staff, clock, logger }),
    requestDesk: new RequestDesk({ requests, training, audit, outbox, staff, clock, logger }),
  };
}

/** Guidance replies as the app builds them, and the article a flow shows by id (it must exist in the content). */
export function guidance(clock: Clock, content: LoadedContent) {
  const index = new AnswerIndex(content.articles, modelInputsOf(content).pipeline);
  const replies = new GuidanceReplies({ profile: content.profile, sourceNames: content.sourceNames, index, clock });
  const article = (id: string): Article => {
    const found = index.article(id);
    if (found === undefined) throw new Error(`no article ${id} in the content`);
    return found;
  };
  return { replies, article };
}
