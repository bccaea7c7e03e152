import { ConversationState } from 'botbuilder';
import type * as restify from 'restify';
import type { CloudAdapter } from 'botbuilder';
import { createAdapter } from './adapter';
import { systemClock, type Clock } from './clock';
import type { Config } from './config';
import { checkContent, ContentError, exampleSummaries, type LoadedContent } from './content/load-content';
import { FosterCarerBot } from './foster-carer-bot';
import type { Logger } from './logger';
import { ConversationReferences } from './proactive/conversation-references';
import { NoticeOutbox } from './proactive/notice-outbox';
import { ProactiveSender } from './proactive/proactive-sender';
import { PeriodicJob } from './periodic-job';
import { createServer } from './server';
import { BotStateStorage } from './storage/bot-state-storage';
import { createRecordStore } from './storage/create-record-store';
import type { RecordStore } from './storage/record-store';
import { EmbeddedDirectLine, type ChannelActivity } from './channels/directline/embedded-direct-line';
import { createAzureTokenIssuer, createEmbeddedTokenIssuer, type WebTokenIssuer } from './channels/web/web-tokens';
import { createOpenIdSignIn } from './channels/web/openid-sign-in';
import { WebSignIn } from './channels/web/sign-in-routes';
import { SignInSessions } from './channels/web/sign-in-sessions';
import { GuidanceReplies } from '../dialogs/guidance/guidance-replies';
import { RootDialog } from '../dialogs/root-dialog';
import { standardRoutes, type Route, type RouteDeps } from '../dialogs/routes';
import { CardActions } from '../dialogs/card-actions/card-actions';
import { UnansweredQuestions } from '../dialogs/guidance/unanswered-questions';
import { LocalPageStaff, TeamsChannelStaff, type StaffNotifier } from './proactive/staff-notifier';
import { randomUUID } from 'node:crypto';
import { AuditLog } from './domain/audit-log';
import { Concerns } from './domain/concerns/concerns';
import { DecisionLog } from './domain/decisions';
import { ExpiredRecordsPurge } from './domain/expired-records-purge';
import { Leases } from './domain/leases';
import { Training } from './domain/training/training';
import { ServiceRequests } from './domain/requests/service-requests';
import { RequestDesk } from '../dialogs/requests/request-desk';
import { ConcernDesk } from '../dialogs/concerns/concern-desk';
import { OverdueAnnouncer } from '../dialogs/overdue-announcer';
import type { StoredRecord } from './storage/record-store';
import type { Concern } from './domain/concerns/concerns';
import { TrainingNotices } from '../dialogs/training/training-notices';
import { GuidanceFeedback } from './domain/guidance/guidance-feedback';
import { FeedbackItems } from './domain/feedback/feedback-items';
import { ThemeResponses } from './domain/feedback/theme-responses';
import { FeedbackSubscriptions } from './domain/feedback/feedback-subscriptions';
import { ReportExports } from './domain/reports/report-exports';
import { renderThemeChart } from './charts/theme-chart';
import { FeedbackDesk } from '../dialogs/feedback/feedback-desk';
import { EnquiryDesk } from '../dialogs/enquiries/enquiry-desk';
import { Enquiries, type Enquiry } from './domain/enquiries/enquiries';
import { InformationSessionPlaces } from './domain/enquiries/information-session-places';
import { createClassifier } from './understanding/create-classifier';
import { Handoffs } from './domain/handoffs/handoffs';
import { HandoffDesk } from '../dialogs/handoffs/handoff-desk';
import { WebContacts } from './domain/contact-details/web-contacts';
import type { MessageClassifier } from './understanding/classifier';
import type { Activity } from 'botbuilder';

export interface AppOptions {
  readonly logger: Logger;
  /** Tests pass a store (e.g. SQLite in memory, or one that fails). */
  readonly records?: RecordStore;
  readonly content?: LoadedContent;
  readonly clock?: Clock;
  /** The routing registry as this app serves it; tests add or replace a row (by default, the standard routes). */
  readonly routes?: (standard: readonly Route[], deps: RouteDeps) => readonly Route[];
  /** Wraps the classifier (tests steer a turn to a given action without depending on the model's wording). */
  readonly understanding?: (classifier: MessageClassifier) => MessageClassifier;
}

export interface App {
  readonly server: restify.Server;
  readonly adapter: CloudAdapter;
  readonly bot: FosterCarerBot;
  readonly records: RecordStore;
  readonly proactive: ProactiveSender;
  /** Every proactive notice, whether it was delivered, and its retries. */
  readonly outbox: NoticeOutbox;
  readonly content: LoadedContent;
  readonly decisions: DecisionLog;
  readonly overdue: OverdueAnnouncer<StoredRecord<Concern>>;
  /** New enquiries whose first contact is overdue, re-announced to the recruitment team once a working day. */
  readonly overdueEnquiries: OverdueAnnouncer<StoredRecord<Enquiry>>;
  readonly trainingNotices: TrainingNotices;
  /** Requests to talk to a person: tests drive its reminder job (`remindOverdue`) as the scheduled job does. */
  readonly handoffs: HandoffDesk;
  /**
   * Overdue-concern announcements, training reminders and lapsed offers, notice retries, and the purge of expired
   * records: started by the entry point, not by tests (which call `runOnce`); `close` stops them.
   */
  readonly jobs: readonly PeriodicJob[];
  close(): Promise<void>;
}

/** Content errors stop the start; warnings (reviews past due) are logged by file and line, example values below. */
async function loadCheckedContent(dir: string, clock: Clock, logger: Logger): Promise<LoadedContent> {
  const report = await checkContent(dir, clock.now());
  if (report.content === undefined || report.errors.length > 0) throw new ContentError(report.errors);
  for (const warning of report.warnings) {
    if (warning.example !== true) logger.warn('content warning', { file: warning.file, line: warning.line, problem: warning.message });
  }
  return report.content;
}

/** The composition root: builds each dependency once. Only this file knows both dialogs and concrete stores. */
export async function createApp(config: Config, options: AppOptions): Promise<App> {
  const { logger } = options;
  const clock = options.clock ?? systemClock;
  const content = options.content ?? (await loadCheckedContent(config.contentDir, clock, logger));
  const records = options.records ?? (await createRecordStore(config, clock, logger));

  // one line per kind, naming each value: a warning in production, expected in the shipped sample locally
  for (const summary of exampleSummaries(content)) {
    const fields = { count: summary.count, fields: summary.names };
    if (config.production) logger.warn(summary.message, fields);
    else logger.info(summary.message, fields);
  }

  const conversationState = new ConversationState(new BotStateStorage(records));
  const references = new ConversationReferences(records, logger);
  const adapter = createAdapter(config, conversationState, logger);
  const proactive = new ProactiveSender(adapter, references, config, logger);
  const outbox = new NoticeOutbox(records, proactive, clock, logger, {
    retries: config.proactiveSendRetries,
    retryAfterMinutes: config.proactiveRetryAfterMinutes,
  });
  const concerns = new Concerns(
    records,
    content.profile.id,
    {
      contactWithinWorkingDays: config.concernContactWorkingDays,
      bankHolidays: content.profile.bankHolidays,
    },
    logger,
  );
  const audit = new AuditLog(records, logger);
  const staff = staffNotifierFor(config, references);
  const desk = new ConcernDesk({ concerns, audit, proactive, outbox, staff, clock, logger });
  const training = new Training(content.training, records, logger);
  const trainingNotices = new TrainingNotices({ training, outbox, clock });
  const requestDesk = new RequestDesk({ requests: new ServiceRequests(records, content.profile.id, logger), training, audit, outbox, staff, clock, logger });
  const exports = new ReportExports(records, logger);
  const feedbackDesk = new FeedbackDesk({
    items: new FeedbackItems(records, content.profile.id, logger),
    responses: new ThemeResponses(records, content.profile.id, logger),
    subscriptions: new FeedbackSubscriptions(records, logger),
    exports,
    audit,
    outbox,
    profile: content.profile,
    renderChart: renderThemeChart,
    ...(config.publicBaseUrl === undefined ? {} : { publicBaseUrl: config.publicBaseUrl }),
    clock,
    logger,
  });
  const enquiryDesk = new EnquiryDesk({
    enquiries: new Enquiries(
      records,
      content.profile.id,
      { contactWithinWorkingDays: config.enquiryContactWorkingDays, bankHolidays: content.profile.bankHolidays },
      logger,
    ),
    places: new InformationSessionPlaces(content.recruitment, records, logger),
    content: content.recruitment,
    profile: content.profile,
    audit,
    proactive,
    outbox,
    staff,
    exports,
    renderChart: renderThemeChart,
    ...(config.publicBaseUrl === undefined ? {} : { publicBaseUrl: config.publicBaseUrl }),
    contactWorkingDays: config.enquiryContactWorkingDays,
    clock,
    logger,
  });
  const built = createClassifier(content);
  const { index } = built;
  const classifier = options.understanding?.(built.classifier) ?? built.classifier;
  const replies = new GuidanceReplies({ profile: content.profile, sourceNames: content.sourceNames, index, clock });
  const handoffDesk = new HandoffDesk({
    handoffs: new Handoffs(records, content.profile.id, logger),
    audit,
    proactive,
    outbox,
    staff,
    index,
    profile: content.profile,
    takeMinutes: config.handoffTakeMinutes,
    teamIds: { fostering: config.fosteringTeamId, recruitment: config.recruitmentTeamId },
    clock,
    logger,
  });
  const guidanceFeedback = new GuidanceFeedback(records, logger);
  const unanswered = new UnansweredQuestions(guidanceFeedback, clock);
  const routeDeps: RouteDeps = {
    profile: content.profile,
    index,
    replies,
    unanswered,
    desk,
    training,
    trainingNotices,
    requestDesk,
    feedbackDesk,
    enquiryDesk,
    handoffDesk,
    enquiryContactWorkingDays: config.enquiryContactWorkingDays,
    contactDetails: { contacts: new WebContacts(records, logger), logger },
    clock,
  };
  const standard = standardRoutes(routeDeps);
  const dialog = new RootDialog(options.routes?.(standard, routeDeps) ?? standard, content.profile);
  const cardActions = new CardActions({
    profile: content.profile,
    index,
    replies,
    guidanceFeedback,
    unanswered,
    desk,
    requestDesk,
    feedbackDesk,
    enquiryDesk,
    handoffDesk,
    training,
    clock,
    logger,
  });
  const decisions = new DecisionLog(records, logger);
  const bot = new FosterCarerBot({
    config,
    conversationState,
    dialog,
    profile: content.profile,
    references,
    classifier,
    decisions,
    clock,
    logger,
    cardActions,
    staffThreads: handoffDesk,
    holdsConversation: (state) => dialog.holdsConversation(state),
  });
  const leases = new Leases(records, logger);
  const instanceId = randomUUID();
  const announcerDeps = { leases, clock, profile: content.profile, instanceId, logger };
  const overdue = new OverdueAnnouncer({
    ...announcerDeps,
    source: {
      name: 'concerns',
      dueToday: async (today) => concerns.overdue(await concerns.open(), today).filter((c) => c.data.lastAnnounced !== today),
      announce: (concern) => desk.announce(concern, 'overdue'),
      markAnnounced: (concern, today) => concerns.markAnnounced(concern, today),
    },
  });
  const overdueEnquiries = new OverdueAnnouncer({ ...announcerDeps, source: enquiryDesk.overdueSource() });
  const expiredRecords = new ExpiredRecordsPurge({ records, leases, clock, instanceId, everyMinutes: config.purgeEveryMinutes, logger });

  let embeddedDirectLine: EmbeddedDirectLine | undefined;
  let webTokens: WebTokenIssuer | undefined;
  if (config.directLine.kind === 'azure') {
    webTokens = createAzureTokenIssuer(config.directLine);
  } else if (config.localMode) {
    embeddedDirectLine = new EmbeddedDirectLine(records, clock, (activity: ChannelActivity) =>
      // local mode only: authentication is off, so the adapter accepts the in-process turn as it would any other
      adapter.processActivityDirect('', activity as unknown as Activity, (context) => bot.run(context)),
    );
    webTokens = createEmbeddedTokenIssuer(embeddedDirectLine, (userId) => config.localMode && config.roles.rolesOf(userId).size > 0);
  } else {
    logger.warn('web chat is off: set DIRECT_LINE_SECRET to serve the chat page with authentication on', { outcome: 'web-off' });
  }

  const signIn =
    config.webSignIn !== undefined && webTokens !== undefined
      ? new WebSignIn(createOpenIdSignIn(config.webSignIn), new SignInSessions(records, logger), config)
      : undefined;

  const jobs = [
    new PeriodicJob('overdue-concerns', config.reminderCheckMinutes, () => overdue.runOnce(), logger),
    new PeriodicJob('overdue-enquiries', config.reminderCheckMinutes, () => overdueEnquiries.runOnce(), logger),
    // a hand-off's target is minutes, not days: checked at least every 5 minutes
    new PeriodicJob('handoff-reminders', Math.min(5, config.reminderCheckMinutes), () => handoffDesk.remindOverdue(), logger),
    new PeriodicJob('training-notices', config.reminderCheckMinutes, () => trainingNotices.runOnce(), logger),
    new PeriodicJob('purge-expired', config.purgeEveryMinutes, () => expiredRecords.runOnce(), logger),
    new PeriodicJob('notice-retries', config.reminderCheckMinutes, () => outbox.retryDue(), logger),
  ];

  const server = createServer({
    config,
    adapter,
    bot,
    profile: content.profile,
    logger,
    readiness: () => records.ping(),
    webTokens,
    embeddedDirectLine,
    signIn,
    exports,
  });

  return {
    server,
    adapter,
    bot,
    records,
    proactive,
    outbox,
    content,
    decisions,
    overdue,
    overdueEnquiries,
    trainingNotices,
    handoffs: handoffDesk,
    jobs,
    close: async () => {
      await Promise.all(jobs.map((job) => job.stop()));
      server.close();
      await records.close();
    },
  };
}

/** Where staff cards go, decided once by deployment: Teams channels, and on one machine the local page's managers. */
function staffNotifierFor(config: Config, references: ConversationReferences): StaffNotifier {
  const channels = new TeamsChannelStaff({
    managers: config.managersTeamId,
    transport: config.transportTeamId,
    mentoring: config.mentoringTeamId,
    recruitment: config.recruitmentTeamId,
    fostering: config.fosteringTeamId,
  });
  return config.localMode ? new LocalPageStaff(references, channels) : channels;
}

/** What the person who started the service reads first: that local mode has authentication off, and where to chat. */
export function announceStart(config: Config, port: number, logger: Logger, boot: Logger): void {
  if (!config.localMode) return;
  logger.warn('LOCAL MODE: no MicrosoftAppId, so channel authentication is OFF; listening on 127.0.0.1 only', { mode: 'local' });
  boot.info(`chat as a carer: http://127.0.0.1:${port}/  ·  as an enquirer: http://127.0.0.1:${port}/public`);
}
