import { CardFactory, type Attachment } from 'botbuilder';
import { DateTime } from 'luxon';
import { escapeMarkdown } from '../card-text';
import { carerFacts } from '../contact-details/carer-facts';
import type { CardActionMode } from '../card-mode';
import { HANDOFF_OUTCOMES, type Handoff } from '../../bot/domain/handoffs/handoffs';
import { messages } from '../../bot/messages';
import type { StoredRecord } from '../../bot/storage/record-store';

/** The card shows the last few lines relayed; the whole conversation is on the record until it expires. */
const SHOWN_MESSAGES = 6;

const timeOf = (iso: string): string => DateTime.fromISO(iso, { zone: 'Europe/London' }).setLocale('en-GB').toFormat('ccc d LLL, HH:mm');

/** Who took it, as people are shown it: their channel's name, or the team's when the channel gave none. */
export function staffNameOf(h: Handoff): string {
  const name = h.takenBy?.name ?? '';
  return name === '' ? messages.handoffs.unnamedStaff[h.team] : name;
}

export interface HandoffCardOptions {
  readonly banner?: string;
  readonly articleTitle?: string;
  readonly topicLabel?: string;
}

/**
 * A request to talk to a person, as the team sees it: who, what about, since when; "Take it" while it waits; once
 * taken, a reply box (what is typed goes to the person's chat) and "Close" with how it ended.
 */
export function handoffCard(record: StoredRecord<Handoff>, mode: CardActionMode, options: HandoffCardOptions = {}): Attachment {
  const copy = messages.cards.handoff;
  const h = record.data;
  const action = (verb: 'refresh' | 'take' | 'reply' | 'close', title: string) => ({
    type: mode === 'execute' ? 'Action.Execute' : 'Action.Submit',
    title,
    ...(mode === 'execute' ? { verb: `handoff.${verb}` } : {}),
    // no version: the first to take or close wins, and the person's lines keep arriving while staff read the card
    data: { action: 'handoff', verb, handoffId: record.id },
  });
  const status =
    h.status === 'waiting'
      ? copy.waiting
      : h.closed !== undefined
        ? h.closed.by === 'carer'
          ? copy.closedByCarer(timeOf(h.closed.at))
          : copy.closedAs(copy.outcomes[h.closed.outcome ?? 'answered'], timeOf(h.closed.at))
        : copy.takenBy(staffNameOf(h), timeOf(h.takenAt ?? h.openedAt));
  const carer = {
    audience: h.carerAudience,
    channel: h.channel,
    ...(h.displayName === undefined ? {} : { displayName: h.displayName }),
    ...(h.contact === undefined ? {} : { contact: h.contact }),
  };
  const facts = [
    ...carerFacts(carer, copy.from),
    { title: copy.about, value: h.about === undefined ? copy.notGiven : escapeMarkdown(h.about) },
    ...(options.topicLabel === undefined ? [] : [{ title: copy.topic, value: options.topicLabel }]),
    ...(options.articleTitle === undefined ? [] : [{ title: copy.lastArticle, value: options.articleTitle }]),
    { title: copy.asked, value: timeOf(h.openedAt) },
    ...(h.status === 'waiting' ? [{ title: copy.takeBy, value: timeOf(h.takeBy) }] : []),
    { title: copy.status, value: status },
  ];
  const shown = h.messages.slice(-SHOWN_MESSAGES);
  const conversation =
    shown.length === 0
      ? []
      : [
          { type: 'TextBlock', text: copy.conversation, weight: 'Bolder', wrap: true, spacing: 'Medium' },
          ...shown.map((m) => ({
            type: 'TextBlock',
            text: `${m.from === 'carer' ? copy.fromCarer : copy.fromStaff(staffNameOf(h))} (${timeOf(m.at)}): ${escapeMarkdown(m.text)}`,
            wrap: true,
            spacing: 'Small',
          })),
        ];
  const taken = h.status === 'taken';
  const inputs = taken
    ? [
        { type: 'Input.Text', id: 'message', label: copy.replyLabel, isMultiline: true, maxLength: 2000 },
        {
          type: 'Input.ChoiceSet',
          id: 'outcome',
          label: copy.outcomeLabel,
          choices: HANDOFF_OUTCOMES.map((value) => ({ title: copy.outcomes[value], value })),
        },
      ]
    : [];
  const actions =
    h.status === 'waiting'
      ? [action('take', copy.takeIt)]
      : taken
        ? [action('reply', copy.send), action('close', copy.close), action('refresh', copy.refresh)]
        : [];
  return CardFactory.adaptiveCard({
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    type: 'AdaptiveCard',
    version: '1.5',
    ...(mode === 'execute' ? { refresh: { action: action('refresh', copy.refresh) } } : {}),
    body: [
      ...(options.banner === undefined ? [] : [{ type: 'TextBlock', text: options.banner, wrap: true, color: 'Attention', weight: 'Bolder' }]),
      { type: 'TextBlock', text: copy.heading(h.reference), weight: 'Bolder', size: 'Medium', wrap: true },
      { type: 'FactSet', facts },
      ...conversation,
      ...inputs,
    ],
    actions,
  });
}
