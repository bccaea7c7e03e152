import { CardFactory, type Attachment } from 'botbuilder';
import { DateTime } from 'luxon';
import { CONTACT_METHODS, OUTCOMES, RETENTION_REASONS, URGENCIES, type Concern } from '../../bot/domain/concerns/concerns';
import type { StoredRecord } from '../../bot/storage/record-store';

/** Teams gets Universal Actions (Action.Execute, refreshed in place); Web Chat gets Action.Submit. */
export type CardActionMode = 'execute' | 'submit';

const STATUS_LABELS = { open: 'Open', acknowledged: 'Acknowledged', contacted: 'Contact made', closed: 'Closed' } as const;

const escapeMarkdown = (text: string) => text.replace(/([\\`*_{}[\]()#+\-.!|<>])/g, '\\$1');
const day = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/London' }).toLocaleString(DateTime.DATE_MED_WITH_WEEKDAY, { locale: 'en-GB' });

/** One concern, as managers see it, with what they can do next. `banner` says why it is shown (e.g. someone else changed it). */
export function concernCard(record: StoredRecord<Concern>, mode: CardActionMode, options: { today: string; banner?: string }): Attachment {
  const c = record.data;
  const overdue = c.status !== 'closed' && c.status !== 'contacted' && c.contactBy < options.today;
  const action = (title: string, verb: string, extra: Record<string, unknown> = {}) => ({
    type: mode === 'execute' ? 'Action.Execute' : 'Action.Submit',
    title,
    ...(mode === 'execute' ? { verb: `concern.${verb}` } : {}),
    data: { action: 'concern', verb, concernId: record.id, etag: record.etag, ...extra },
  });
  const facts = [
    { title: 'Status', value: `${STATUS_LABELS[c.status]}${overdue ? ' (overdue)' : ''}` },
    { title: 'Carer', value: c.carer.displayName === undefined ? `${c.carer.channel} user` : escapeMarkdown(c.carer.displayName) },
    ...(c.reason === undefined ? [] : [{ title: 'Main reason', value: RETENTION_REASONS[c.reason] }]),
    ...(c.contactMethod === undefined ? [] : [{ title: 'Contact by', value: CONTACT_METHODS[c.contactMethod] }]),
    ...(c.contactDetail === undefined ? [] : [{ title: 'Number or e-mail', value: escapeMarkdown(c.contactDetail) }]),
    ...(c.contactTime === undefined ? [] : [{ title: 'Best time', value: escapeMarkdown(c.contactTime) }]),
    ...(c.urgency === undefined ? [] : [{ title: 'Urgency', value: URGENCIES[c.urgency] }]),
    ...(c.callbackRequested === undefined ? [] : [{ title: 'Call back', value: c.callbackRequested ? 'Requested' : 'Not requested' }]),
    ...(c.involveSupervisingSocialWorker === undefined ? [] : [{ title: 'Involve SSW', value: c.involveSupervisingSocialWorker ? 'Yes' : 'No, please do not' }]),
    { title: 'Raised', value: day(c.raisedAt) },
    { title: 'Contact due by', value: day(c.contactBy) },
    ...(c.assignedTo === undefined ? [] : [{ title: 'Assigned to', value: c.assignedTo }]),
    ...(c.visitDate === undefined ? [] : [{ title: 'Visit', value: day(c.visitDate) }]),
    ...(c.actionPlan === undefined ? [] : [{ title: 'Action plan', value: escapeMarkdown(c.actionPlan) }]),
    ...(c.outcome === undefined ? [] : [{ title: 'Outcome', value: OUTCOMES[c.outcome] }]),
  ];
  const open = c.status !== 'closed';
  return CardFactory.adaptiveCard({
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    type: 'AdaptiveCard',
    version: '1.5',
    ...(mode === 'execute' ? { refresh: { action: action('Refresh', 'refresh') } } : {}),
    body: [
      ...(options.banner === undefined ? [] : [{ type: 'TextBlock', text: options.banner, wrap: true, color: 'Attention', weight: 'Bolder' }]),
      { type: 'TextBlock', text: `${c.kind === 'retention' ? 'Retention concern' : 'Allegation support request'} ${c.reference}`, weight: 'Bolder', size: 'Medium', wrap: true },
      { type: 'FactSet', facts },
      ...(open
        ? [
            { type: 'Input.Date', id: 'visitDate', label: 'Visit date' },
            { type: 'Input.Text', id: 'note', label: 'Action plan or closing note', isMultiline: true, maxLength: 1000 },
            {
              type: 'Input.ChoiceSet',
              id: 'outcome',
              label: 'Outcome (to close)',
              choices: Object.entries(OUTCOMES).map(([value, title]) => ({ title, value })),
            },
          ]
        : []),
    ],
    actions: open
      ? [
          action('Acknowledge', 'acknowledge'),
          action('Assign to me', 'assign-to-me'),
          action('Contact made', 'record-contact'),
          action('Save visit date', 'record-visit'),
          action('Save action plan', 'action-plan'),
          action('Close', 'close'),
        ]
      : [],
  });
}
