import type { Dialog, DialogTurnResult, WaterfallStepContext } from 'botbuilder-dialogs';
import type { Clock } from '../bot/clock';
import { PERSONAS, type Action } from '../bot/content/taxonomy';
import type { ServiceProfile } from '../bot/content/service-profile';
import { turnRef } from '../bot/domain/decisions';
import type { Training } from '../bot/domain/training/training';
import { messages } from '../bot/messages';
import { storedAddress } from '../bot/proactive/address';
import type { Persona, StaffRole } from '../bot/roles';
import type { DecidedBy, Turn } from '../bot/turn/turn';
import type { Understanding } from '../bot/understanding/classifier';
import type { AnswerIndex } from '../bot/understanding/answer-index';
import { AllegationSupportDialog } from './concerns/allegation-support-dialog';
import type { ConcernDesk } from './concerns/concern-desk';
import { RetentionConcernDialog } from './concerns/retention-concern-dialog';
import { DialogId } from './dialog-ids';
import type { CarerFlowOptions } from './flow-options';
import type { GuidanceReplies } from './guidance/guidance-replies';
import type { UnansweredQuestions } from './guidance/unanswered-questions';
import { MentorRequestDialog } from './requests/mentor-request-dialog';
import type { RequestDesk } from './requests/request-desk';
import { TransportReportDialog } from './requests/transport-report-dialog';
import { TrainingBookingDialog, type TrainingBookingOptions } from './training/training-booking-dialog';
import type { TrainingNotices } from './training/training-notices';
import { senderNameOf, textOf } from '../bot/turn/activity-text';
import { THEMES, type Theme } from '../bot/content/taxonomy';
import { forumNamedIn } from '../bot/domain/feedback/forums';
import { FeedbackDialog, type FeedbackFlowOptions } from './feedback/feedback-dialog';
import type { FeedbackDesk } from './feedback/feedback-desk';
import { EnquiryDialog, type EnquiryFlowOptions } from './enquiries/enquiry-dialog';
import { enquirerKeyOf, type EnquiryDesk } from './enquiries/enquiry-desk';
import type { HandoffDesk } from './handoffs/handoff-desk';
import { HandoffDialog, isRelaying, type HandoffFlowOptions } from './handoffs/handoff-dialog';
import { contactDetailsNeeded, type ContactDetailsDeps } from './contact-details/contact-details-dialog';

/** What a route is given: the waterfall step it runs in, the turn, and the understanding it was chosen by. */
export interface RouteTurn {
  readonly step: WaterfallStepContext;
  readonly turn: Turn;
  readonly understanding: Understanding;
}

/**
 * One row of the routing registry: the action it serves, who may use it, and what serves it. The root dialog
 * records the turn as understood, then calls `serve`; turns that answer a flow's questions are recorded as `during`.
 */
export interface Route {
  readonly action: Action;
  /** Who it serves; anyone else gets `refusal`, or the general "I can't help with that" reply. */
  readonly personas: readonly Persona[];
  /** A staff role needed as well (any one of them); absent when the persona is enough. */
  readonly roles?: readonly StaffRole[];
  readonly refusal?: string;
  /**
   * The dialog, when the action is a multi-turn flow: the root registers it, and interrupts (cancel, 999) end it,
   * except while `holdsConversation` says the flow is relaying a conversation with a person (it sees every message).
   */
  readonly flow?: { readonly dialog: Dialog; readonly during: DecidedBy; readonly holdsConversation?: (flowState: unknown) => boolean };
  /** Replies, or starts the flow (returning the result of `beginDialog`). */
  serve(route: RouteTurn): Promise<DialogTurnResult | undefined>;
}

export interface RouteDeps {
  readonly profile: ServiceProfile;
  readonly index: AnswerIndex;
  readonly replies: GuidanceReplies;
  readonly unanswered: UnansweredQuestions;
  readonly desk: ConcernDesk;
  readonly training: Training;
  readonly trainingNotices: TrainingNotices;
  readonly requestDesk: RequestDesk;
  readonly feedbackDesk: FeedbackDesk;
  readonly enquiryDesk: EnquiryDesk;
  readonly handoffDesk: HandoffDesk;
  readonly enquiryContactWorkingDays: number;
  /** Asking web carers the council does not know how staff can get back to them (any flow staff follow up). */
  readonly contactDetails: ContactDetailsDeps;
  readonly clock: Clock;
}

/** The guidance article on how feedback is answered: its answers carry the recorded responses too. */
const YOU_SAID_WE_DID = 'association/feedback-loop-you-said-we-did';
/** A manager's or rep's words that ask about the feedback loop rather than training or transport figures. */
const ABOUT_FEEDBACK = /\b(feedback|themes?|forums?|association|you said|we did|raised|csv|spreadsheet|export)\b/i;
/** A manager's words that ask about the recruitment funnel rather than concerns, training or transport. */
const ABOUT_RECRUITMENT =
  /\b(enquir(y|ies|ers?)|funnel|recruit\w*|conversion|applications?|initial visits?|approvals?|skills to foster|information sessions?)\b/i;
const DIGEST = /\b(you said|we did|digest)\b/i;

const EVERYONE: readonly Persona[] = PERSONAS;
const CARERS: readonly Persona[] = ['carer'];

/** The routing registry: every action the classifier can decide, once. A new flow is one row here plus its folder. */
export function standardRoutes(deps: RouteDeps): readonly Route[] {
  const { profile, replies } = deps;
  const shared = { replies, profile, desk: deps.desk, clock: deps.clock };
  const { contactDetails } = deps;
  const related = (understanding: Understanding) => understanding.matches[0]?.article;
  return [
    // signposted by the bot before anything else happened this turn
    { action: 'emergency', personas: EVERYONE, serve: async () => undefined },
    {
      action: 'answer',
      personas: EVERYONE,
      serve: async ({ step, turn, understanding }) => {
        const article = related(understanding);
        if (article === undefined) {
          // an answer with no article to give is a question the guidance does not cover
          await step.context.sendActivity({ type: 'message', text: messages.fallback(profile, turn.facts.publicPage), textFormat: 'markdown' });
          return undefined;
        }
        // "what's been done about …": the service's recorded responses come first, the guidance after
        const asksWhatWasDone = understanding.reason === 'intent.feedback-responses';
        if (turn.facts.persona !== 'enquirer' && (asksWhatWasDone || article.id === YOU_SAID_WE_DID))
          await deps.feedbackDesk.sendResponses(step.context, understanding.theme);
        // after the responses, the guidance on how feedback is answered (not whichever association article matched)
        // on the public page every answer ends with the front door's three offers
        const offers = turn.facts.persona === 'enquirer' ? Object.values(messages.enquiries.offers) : [];
        await replies.sendAnswer(step.context, (asksWhatWasDone ? deps.index.article(YOU_SAID_WE_DID) : undefined) ?? article, undefined, offers);
        return undefined;
      },
    },
    {
      action: 'clarify',
      personas: EVERYONE,
      serve: async ({ step, understanding }) => {
        await replies.sendClarify(
          step.context,
          understanding.matches.map((m) => m.article),
        );
        return undefined;
      },
    },
    {
      action: 'fallback',
      personas: EVERYONE,
      serve: async ({ step, turn, understanding }) => {
        const { publicPage } = turn.facts;
        if (understanding.reason === 'intent.greeting') {
          // the welcome that just went out already said hello
          if (!turn.welcomed) await step.context.sendActivity(messages.greeting(publicPage));
          return undefined;
        }
        await step.context.sendActivity({ type: 'message', text: messages.fallback(profile, publicPage), textFormat: 'markdown' });
        await deps.unanswered.record(step.context, turn, 'no-guidance');
        return undefined;
      },
    },
    {
      action: 'handoff',
      personas: EVERYONE,
      flow: {
        dialog: new HandoffDialog({ desk: deps.handoffDesk, profile, contactDetails }),
        during: { action: 'handoff' },
        holdsConversation: (flowState) => isRelaying((flowState as { dialogs?: unknown } | undefined)?.dialogs),
      },
      serve: async ({ step, turn, understanding }) => {
        const { activity } = step.context;
        const name = senderNameOf(activity);
        const options: HandoffFlowOptions = {
          recordId: turnRef(activity.channelId, activity.conversation.id, activity.id ?? ''),
          team: turn.facts.publicPage ? 'recruitment' : 'fostering',
          carerAudience: turn.facts.address,
          channel: turn.facts.channel,
          contactNeeded: contactDetailsNeeded(turn.facts),
          // a web name is whatever the page sent: only Teams' (from the tenant) is shown as the person's name
          ...(turn.facts.channel === 'msteams' && name !== '' ? { displayName: name } : {}),
          ...(understanding.topic === undefined ? {} : { topic: understanding.topic }),
          ...(turn.previousArticleId === undefined ? {} : { articleId: turn.previousArticleId }),
        };
        return step.beginDialog(DialogId.handoff, options);
      },
    },
    {
      action: 'feedback',
      personas: ['carer', 'association-rep', 'manager'],
      refusal: messages.feedback.notForEnquirers(profile),
      flow: { dialog: new FeedbackDialog({ desk: deps.feedbackDesk, profile }), during: { action: 'feedback' } },
      serve: async ({ step, turn, understanding }) => {
        if (understanding.reason === 'intent.feedback-updates-off') {
          await deps.feedbackDesk.stopUpdates(step.context, turn.facts.address);
          return undefined;
        }
        return step.beginDialog(DialogId.feedback, feedbackOptions(step, turn, understanding.theme, profile));
      },
    },
    {
      action: 'enquiry',
      personas: ['enquirer'],
      flow: {
        dialog: new EnquiryDialog({ desk: deps.enquiryDesk, profile, clock: deps.clock, contactWorkingDays: deps.enquiryContactWorkingDays }),
        during: { action: 'enquiry', topic: 'becoming-a-carer' },
      },
      serve: async ({ step, turn, understanding }) => {
        const enquirerKey = enquirerKeyOf(turn.facts);
        if (understanding.reason === 'intent.enquiry-status') {
          await deps.enquiryDesk.statusFor(step.context, enquirerKey);
          return undefined;
        }
        const { activity } = step.context;
        const options: EnquiryFlowOptions = {
          recordId: turnRef(activity.channelId, activity.conversation.id, activity.id ?? ''),
          enquirerKey,
          channel: turn.facts.channel,
          purpose: understanding.reason === 'intent.enquiry-forget' ? 'forget' : 'enquire',
        };
        return step.beginDialog(DialogId.enquiry, options);
      },
    },
    {
      action: 'retention',
      personas: CARERS,
      flow: {
        dialog: new RetentionConcernDialog({
          ...shared,
          supportArticle: deps.index.article('support/thinking-of-stopping-fostering'),
          contactDetails,
          countTowardsTheme: (id, theme, carer, channel) => deps.feedbackDesk.count(id, theme, 'retention', carer, channel),
        }),
        during: { action: 'retention' },
      },
      serve: async ({ step, turn }) => step.beginDialog(DialogId.retentionConcern, flowOptions(step, turn)),
    },
    {
      action: 'allegation-support',
      personas: CARERS,
      flow: {
        dialog: new AllegationSupportDialog({
          ...shared,
          processArticle: deps.index.article('allegations/what-happens-after-an-allegation'),
          contactDetails,
        }),
        during: { action: 'allegation-support', topic: 'allegations' },
      },
      serve: async ({ step, turn }) => step.beginDialog(DialogId.allegationSupport, flowOptions(step, turn)),
    },
    {
      action: 'training-booking',
      personas: CARERS,
      flow: {
        dialog: new TrainingBookingDialog({
          training: deps.training,
          clock: deps.clock,
          offerPlace: (carer, sessionId, until) => deps.trainingNotices.offerPlace(storedAddress(carer), sessionId, until),
        }),
        during: { action: 'training-booking', topic: 'training' },
      },
      serve: async ({ step, turn, understanding }) => {
        const text = textOf(step.context.activity);
        if (understanding.reason === 'intent.training-reminders') {
          const on = /\b(turn on|switch on|start)\b/i.test(text);
          await deps.training.setReminders(turn.facts.address, on);
          await step.context.sendActivity(on ? messages.training.remindersOn : messages.training.remindersOff);
          return undefined;
        }
        const options: TrainingBookingOptions = { text, carer: turn.facts.address };
        return step.beginDialog(DialogId.trainingBooking, options);
      },
    },
    {
      action: 'transport-report',
      personas: CARERS,
      flow: {
        dialog: new TransportReportDialog({
          desk: deps.requestDesk,
          profile,
          clock: deps.clock,
          countTowardsTheme: (id, theme, carer, channel) => deps.feedbackDesk.count(id, theme, 'transport', carer, channel),
          contactDetails,
        }),
        during: { action: 'transport-report', topic: 'transport' },
      },
      serve: async ({ step, turn }) => step.beginDialog(DialogId.transportReport, flowOptions(step, turn)),
    },
    {
      action: 'mentor-request',
      personas: ['carer', 'enquirer'],
      flow: {
        dialog: new MentorRequestDialog({ desk: deps.requestDesk, profile, clock: deps.clock, contactDetails }),
        during: { action: 'mentor-request', topic: 'mentoring' },
      },
      serve: async ({ step, turn }) => step.beginDialog(DialogId.mentorRequest, flowOptions(step, turn)),
    },
    {
      action: 'review-concerns',
      personas: EVERYONE,
      roles: ['manager'],
      refusal: messages.concerns.notAllowed,
      serve: async ({ step, turn }) => {
        const text = textOf(step.context.activity);
        if (/\b(transport|taxi)/i.test(text)) await deps.requestDesk.list(step.context, turn.facts, 'transport-report');
        else if (/\bmentor/i.test(text)) await deps.requestDesk.list(step.context, turn.facts, 'mentor-request');
        else if (/\bfeedback\b/i.test(text)) await deps.feedbackDesk.listWaiting(step.context, turn.facts);
        else await deps.desk.list(step.context, turn.facts);
        return undefined;
      },
    },
    {
      action: 'review-enquiries',
      personas: EVERYONE,
      roles: ['recruitment-officer'],
      refusal: messages.enquiries.notAllowed,
      serve: async ({ step, turn }) => {
        await deps.enquiryDesk.list(step.context, turn.facts, textOf(step.context.activity));
        return undefined;
      },
    },
    {
      action: 'report',
      personas: EVERYONE,
      serve: async ({ step, turn }) => {
        const text = textOf(step.context.activity);
        const { roles } = turn.facts;
        if ((roles.has('recruitment-officer') && !roles.has('manager')) || (roles.has('manager') && ABOUT_RECRUITMENT.test(text))) {
          await deps.enquiryDesk.funnel(step.context, turn.facts, text);
          return undefined;
        }
        // reps' reports are all about feedback; managers' are when their words say so
        if (roles.has('association-rep') || (roles.has('manager') && (ABOUT_FEEDBACK.test(text) || forumNamedIn(text, profile) !== undefined))) {
          await (DIGEST.test(text) ? deps.feedbackDesk.digest(step.context, turn.facts, text) : deps.feedbackDesk.report(step.context, turn.facts, text));
          return undefined;
        }
        const shown = await deps.requestDesk.figures(step.context, turn.facts, text);
        if (!shown) await step.context.sendActivity(messages.interim.report);
        return undefined;
      },
    },
  ];
}

/** Whether the route serves this person: their persona, and a role when the route asks for one. */
export function routeServes(route: Route, turn: Turn): boolean {
  const { persona, roles } = turn.facts;
  return route.personas.includes(persona) && (route.roles === undefined || route.roles.some((role) => roles.has(role)));
}

function flowOptions(step: WaterfallStepContext, turn: Turn): CarerFlowOptions {
  const { activity } = step.context;
  return {
    recordId: turnRef(activity.channelId, activity.conversation.id, activity.id ?? ''),
    carerAudience: turn.facts.address,
    carerDisplayName: activity.from.name,
    channel: turn.facts.channel,
    contactNeeded: contactDetailsNeeded(turn.facts),
  };
}

/** The feedback flow's start: a "give feedback on …" button names its theme, and the flow then asks for the words. */
function feedbackOptions(step: WaterfallStepContext, turn: Turn, recognised: Theme | undefined, profile: ServiceProfile): FeedbackFlowOptions {
  const { activity } = step.context;
  const text = textOf(activity).trim();
  const offered = THEMES.find((theme) => text === messages.feedback.logMyViewText(messages.labels.themes[theme]));
  const button = offered !== undefined || text === messages.feedback.logMyViewText(undefined);
  const theme = offered ?? recognised;
  const forum = forumNamedIn(text, profile);
  return {
    recordId: turnRef(activity.channelId, activity.conversation.id, activity.id ?? ''),
    source: turn.facts.persona === 'carer' ? 'carer' : 'forum',
    audience: turn.facts.address,
    channel: turn.facts.channel,
    ...(activity.from.name === '' ? {} : { displayName: activity.from.name }),
    asksForWords: button,
    ...(theme === undefined ? {} : { theme }),
    ...(forum === undefined ? {} : { forum }),
  };
}
