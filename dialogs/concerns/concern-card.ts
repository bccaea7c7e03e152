import { CardFactory, type Attachment } from 'botbuilder';
import { cardDay, escapeMarkdown } from '../card-text';
import { type Concern } from '../../bot/domain/concerns/concerns';
import { messages } from '../../bot/messages';
import type { StoredRecord } from '../../bot/storage/record-store';

import type { CardActionMode } from '../card-mode';
import { carerFacts } from '../contact-details/carer-facts';

const day = (iso: string) => cardDay(iso);

/** One concern, as managers see it, with what they can do next. `banner` says why it is shown (e.g. someone else changed it). */
export function concernCard(record: StoredRecord<Concern>, mode: CardActionMode, options: { today: string; banner?: string }): Attachment {
  const copy = messages.cards.concern;
  const fact = copy.facts;
  const c = record.data;
  const overdue = c.status !== 'closed' && c.status !== 'contacted' && c.contactBy < options.today;
  const action = (title: string, verb: string, extra: Record<string, unknown> = {}) => ({
    type: mode === 'execute' ? 'Action.Execute' : 'Action.Submit',
    title,
    ...(mode === 'execute' ? { verb: `concern.${verb}` } : {}),
    data: { action: 'concern', verb, concernId: record.id, etag: record.etag, ...extra },
  });
  const facts = [
    { title: fact.status, value: copy.statusValue(copy.statuses[c.status], overdue) },
    ...carerFacts(c.carer, fact.carer),
    ...(c.reason === undefined ? [] : [{ title: fact.reason, value: messages.labels.retentionReasons[c.reason] }]),
    ...(c.contactMethod === undefined ? [] : [{ title: fact.contactMethod, value: messages.labels.contactMethods[c.contactMethod] }]),
    ...(c.contactDetail === undefined ? [] : [{ title: fact.contactDetail, value: escapeMarkdown(c.contactDetail) }]),
    ...(c.contactTime === undefined ? [] : [{ title: fact.contactTime, value: escapeMarkdown(c.contactTime) }]),
    ...(c.urgency === undefined ? [] : [{ title: fact.urgency, value: messages.labels.urgencies[c.urgency] }]),
    ...(c.callbackRequested === undefined ? [] : [{ title: fact.callback, value: copy.callback(c.callbackRequested) }]),
    ...(c.involveSupervisingSocialWorker === undefined
      ? []
      : [{ title: fact.involveSupervisingSocialWorker, value: copy.involveSupervisingSocialWorker(c.involveSupervisingSocialWorker) }]),
    { title: fact.raised, value: day(c.raisedAt) },
    { title: fact.contactBy, value: day(c.contactBy) },
    ...(c.assignedTo === undefined ? [] : [{ title: fact.assignedTo, value: c.assignedTo }]),
    ...(c.visitDate === undefined ? [] : [{ title: fact.visit, value: day(c.visitDate) }]),
    ...(c.actionPlan === undefined ? [] : [{ title: fact.actionPlan, value: escapeMarkdown(c.actionPlan) }]),
    ...(c.outcome === undefined ? [] : [{ title: fact.outcome, value: messages.labels.outcomes[c.outcome] }]),
  ];
  const open = c.status !== 'closed';
  return CardFactory.adaptiveCard({
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    type: 'AdaptiveCard',
    version: '1.5',
    ...(mode === 'execute' ? { refresh: { action: action(copy.actions.refresh, 'refresh') } } : {}),
    body: [
      ...(options.banner === undefined ? [] : [{ type: 'TextBlock', text: options.banner, wrap: true, color: 'Attention', weight: 'Bolder' }]),
      { type: 'TextBlock', text: copy.heading(c.kind, c.reference), weight: 'Bolder', size: 'Medium', wrap: true },
      { type: 'FactSet', facts },
      ...(open
        ? [
            { type: 'Input.Date', id: 'visitDate', label: copy.inputs.visitDate },
            { type: 'Input.Text', id: 'note', label: copy.inputs.note, isMultiline: true, maxLength: 1000 },
            {
              type: 'Input.ChoiceSet',
              id: 'outcome',
              label: copy.inputs.outcome,
              choices: Object.entries(messages.labels.outcomes).map(([value, title]) => ({ title, value })),
            },
          ]
        : []),
    ],
    actions: open
      ? [
          action(copy.actions.acknowledge, 'acknowledge'),
          action(copy.actions.assignToMe, 'assign-to-me'),
          action(copy.actions.recordContact, 'record-contact'),
          action(copy.actions.recordVisit, 'record-visit'),
          action(copy.actions.actionPlan, 'action-plan'),
          action(copy.actions.close, 'close'),
        ]
      : [],
  });
}
