import { escapeMarkdown } from '../card-text';
import { CardFactory, type Attachment } from 'botbuilder';
import { DateTime } from 'luxon';
import { type ServiceRequest } from '../../bot/domain/requests/service-requests';
import { messages } from '../../bot/messages';
import type { StoredRecord } from '../../bot/storage/record-store';
import type { CardActionMode } from '../card-mode';
import { carerFacts } from '../contact-details/carer-facts';

/** A transport report or mentor request as staff see it, with Close (Action.Execute on Teams, Submit on the web). */
export function requestCard(record: StoredRecord<ServiceRequest>, mode: CardActionMode, banner?: string): Attachment {
  const copy = messages.cards.request;
  const fact = copy.facts;
  const r = record.data;
  const facts =
    r.type === 'transport-report'
      ? [
          { title: fact.problem, value: messages.labels.transportProblems[r.problem] },
          { title: fact.journey, value: messages.labels.journeys[r.journey] },
          { title: fact.when, value: messages.labels.when[r.when] },
          { title: fact.childWaiting, value: copy.childWaiting(r.childWaitingNow) },
        ]
      : [
          { title: fact.request, value: copy.mode(r.mode) },
          { title: fact.area, value: r.area },
          { title: fact.fosteringType, value: r.fosteringType },
          ...(r.language === undefined ? [] : [{ title: fact.language, value: escapeMarkdown(r.language) }]),
        ];
  const common = [
    ...carerFacts(r.carer, fact.carer),
    { title: fact.raised, value: DateTime.fromISO(r.raisedAt, { zone: 'Europe/London' }).setLocale('en-GB').toFormat('ccc d LLL yyyy, HH:mm') },
    { title: fact.status, value: copy.status(r.status) },
  ];
  return CardFactory.adaptiveCard({
    type: 'AdaptiveCard',
    version: '1.5',
    body: [
      ...(banner === undefined ? [] : [{ type: 'TextBlock', text: banner, wrap: true, weight: 'Bolder', color: 'Attention' }]),
      { type: 'TextBlock', text: copy.heading(r.type, r.reference), weight: 'Bolder', size: 'Medium', wrap: true },
      { type: 'FactSet', facts: [...facts, ...common] },
      ...(r.status === 'open' ? [{ type: 'Input.Text', id: 'note', label: copy.inputs.note, maxLength: 1000 }] : []),
    ],
    actions:
      r.status === 'open'
        ? [
            {
              type: mode === 'execute' ? 'Action.Execute' : 'Action.Submit',
              title: copy.actions.close,
              ...(mode === 'execute' ? { verb: 'request.close' } : {}),
              data: { action: 'request', verb: 'close', requestId: record.id, etag: record.etag },
            },
          ]
        : [],
  });
}
