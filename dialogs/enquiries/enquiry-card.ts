import { CardFactory, type Attachment } from 'botbuilder';
import { cardDay, escapeMarkdown } from '../card-text';
import type { CardActionMode } from '../card-mode';
import { CHOSEN_CLOSE_REASONS, CONTACT_OUTCOMES, firstContactMade, type Enquiry, type EnquiryVerb } from '../../bot/domain/enquiries/enquiries';
import type { RecruitmentContent } from '../../bot/content/recruitment-content';
import { informationSessionLabel } from '../../bot/content/recruitment-content';
import { messages } from '../../bot/messages';
import type { StoredRecord } from '../../bot/storage/record-store';

/** The one stage action that moves an enquiry on from where it is (Teams shows six buttons at most: one next step each). */
const NEXT_STEP: Readonly<Record<Enquiry['stage'], EnquiryVerb | undefined>> = {
  enquiry: 'contacted',
  contacted: 'initial-visit',
  'initial-visit': 'application',
  application: 'skills-to-foster',
  'skills-to-foster': 'assessment',
  assessment: 'approved',
  approved: undefined,
};

export function labelOf(options: readonly { id: string; label: string }[], id: string): string {
  return options.find((o) => o.id === id)?.label ?? id;
}

/** An enquiry as a recruitment officer sees it, with the next step in the funnel. `banner` says why it is shown. */
export function enquiryCard(
  record: StoredRecord<Enquiry>,
  mode: CardActionMode,
  options: { readonly today: string; readonly content: RecruitmentContent; readonly banner?: string },
): Attachment {
  const copy = messages.cards.enquiry;
  const fact = copy.facts;
  const labels = messages.labels;
  const e = record.data;
  const open = e.closed === undefined;
  const overdue = open && !firstContactMade(e) && e.contactBy < options.today;
  const stage = copy.stages[e.stage];
  const session = e.sessionId === undefined ? undefined : options.content.sessions.find((s) => s.id === e.sessionId);
  const action = (verb: EnquiryVerb) => ({
    type: mode === 'execute' ? 'Action.Execute' : 'Action.Submit',
    title: copy.actions[verb],
    ...(mode === 'execute' ? { verb: `enquiry.${verb}` } : {}),
    data: { action: 'enquiry', verb, enquiryId: record.id, etag: record.etag },
  });
  const facts = [
    {
      title: fact.stage,
      value: e.closed !== undefined ? copy.closedStage(stage, labels.closeReasons[e.closed.reason]) : overdue ? copy.overdue(stage) : stage,
    },
    { title: fact.wants, value: labels.enquiryWants[e.wants] },
    { title: fact.name, value: escapeMarkdown(e.firstName) },
    ...(e.phone === undefined ? [] : [{ title: fact.phone, value: escapeMarkdown(e.phone) }]),
    ...(e.email === undefined ? [] : [{ title: fact.email, value: escapeMarkdown(e.email) }]),
    { title: fact.area, value: escapeMarkdown(e.area) },
    { title: fact.bestTime, value: labels.bestTimes[e.bestTime] },
    { title: fact.interest, value: labelOf(options.content.interests, e.interest) },
    { title: fact.ages, value: labels.ageGroups[e.ages] },
    ...(e.question === undefined ? [] : [{ title: fact.question, value: escapeMarkdown(e.question) }]),
    { title: fact.heardFrom, value: labelOf(options.content.heardFrom, e.heardFrom) },
    ...(session === undefined ? [] : [{ title: fact.session, value: copy.sessionPlace(informationSessionLabel(session), e.sessionAttended) }]),
    { title: fact.raised, value: cardDay(e.raisedAt) },
    { title: fact.contactBy, value: cardDay(e.contactBy) },
    ...(e.assignedTo === undefined ? [] : [{ title: fact.assignedTo, value: e.assignedTo }]),
    ...(e.attempts === 0
      ? []
      : [
          {
            title: fact.attempts,
            value: copy.attempts(e.attempts, e.lastContactOutcome === undefined ? undefined : labels.contactOutcomes[e.lastContactOutcome]),
          },
        ]),
  ];
  const next = open ? NEXT_STEP[e.stage] : undefined;
  const verbs: EnquiryVerb[] = open
    ? [
        ...(e.assignedTo === undefined ? (['assign-to-me'] as const) : []),
        ...(next === undefined ? [] : [next]),
        ...(e.sessionId !== undefined && e.sessionAttended !== true ? (['session-attended'] as const) : []),
        'close',
        'erase',
      ]
    : ['erase'];
  const choices = (entries: readonly string[], titles: Readonly<Record<string, string>>) => entries.map((value) => ({ title: titles[value] ?? value, value }));
  return CardFactory.adaptiveCard({
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    type: 'AdaptiveCard',
    version: '1.5',
    ...(mode === 'execute' ? { refresh: { action: action('refresh') } } : {}),
    body: [
      ...(options.banner === undefined ? [] : [{ type: 'TextBlock', text: options.banner, wrap: true, color: 'Attention', weight: 'Bolder' }]),
      { type: 'TextBlock', text: copy.heading(e.reference), weight: 'Bolder', size: 'Medium', wrap: true },
      { type: 'FactSet', facts },
      ...(open && e.stage === 'enquiry'
        ? [{ type: 'Input.ChoiceSet', id: 'outcome', label: copy.inputs.outcome, choices: choices(CONTACT_OUTCOMES, labels.contactOutcomes) }]
        : []),
      ...(open ? [{ type: 'Input.ChoiceSet', id: 'reason', label: copy.inputs.reason, choices: choices(CHOSEN_CLOSE_REASONS, labels.closeReasons) }] : []),
    ],
    actions: verbs.map(action),
  });
}
