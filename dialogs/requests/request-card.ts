import { CardFactory, type Attachment } from 'botbuilder';
import { DateTime } from 'luxon';
import { JOURNEYS, TRANSPORT_PROBLEMS, WHEN, type ServiceRequest } from '../../bot/domain/requests/service-requests';
import type { StoredRecord } from '../../bot/storage/record-store';
import type { CardActionMode } from '../concerns/concern-card';

const escapeMarkdown = (text: string) => text.replace(/([\\`*_{}[\]()#+\-.!|<>])/g, '\\$1');

/** A transport report or mentor request as staff see it, with Close (Action.Execute on Teams, Submit on the web). */
export function requestCard(record: StoredRecord<ServiceRequest>, mode: CardActionMode, banner?: string): Attachment {
  const r = record.data;
  const facts =
    r.type === 'transport-report'
      ? [
          { title: 'Problem', value: TRANSPORT_PROBLEMS[r.problem] },
          { title: 'Journey', value: JOURNEYS[r.journey] },
          { title: 'When', value: WHEN[r.when] },
          { title: 'Child waiting then', value: r.childWaitingNow ? 'Yes' : 'No' },
        ]
      : [
          { title: 'Request', value: r.mode === 'find-a-mentor' ? 'Would like a mentor' : 'Offers to be a mentor' },
          { title: 'Area', value: r.area },
          { title: 'Fostering type', value: r.fosteringType },
          ...(r.language === undefined ? [] : [{ title: 'Language', value: escapeMarkdown(r.language) }]),
        ];
  const common = [
    { title: 'Carer', value: r.carer.displayName === undefined ? `${r.carer.channel} user` : escapeMarkdown(r.carer.displayName) },
    { title: 'Raised', value: DateTime.fromISO(r.raisedAt, { zone: 'Europe/London' }).setLocale('en-GB').toFormat('ccc d LLL yyyy, HH:mm') },
    { title: 'Status', value: r.status === 'open' ? 'Open' : 'Closed' },
  ];
  return CardFactory.adaptiveCard({
    type: 'AdaptiveCard',
    version: '1.5',
    body: [
      ...(banner === undefined ? [] : [{ type: 'TextBlock', text: banner, wrap: true, weight: 'Bolder', color: 'Attention' }]),
      { type: 'TextBlock', text: `${r.type === 'transport-report' ? 'Transport problem' : 'Mentor request'} ${r.reference}`, weight: 'Bolder', size: 'Medium', wrap: true },
      { type: 'FactSet', facts: [...facts, ...common] },
      ...(r.status === 'open' ? [{ type: 'Input.Text', id: 'note', label: 'Closing note (optional)', maxLength: 1000 }] : []),
    ],
    actions:
      r.status === 'open'
        ? [
            {
              type: mode === 'execute' ? 'Action.Execute' : 'Action.Submit',
              title: 'Close',
              ...(mode === 'execute' ? { verb: 'request.close' } : {}),
              data: { action: 'request', verb: 'close', requestId: record.id, etag: record.etag },
            },
          ]
        : [],
  });
}
