import { storedAddress, type ProactiveAddress } from '../../bot/proactive/address';
import { CardFactory } from 'botbuilder';
import { DateTime } from 'luxon';
import { SERVICE_ZONE, type Clock } from '../../bot/clock';
import type { Training } from '../../bot/domain/training/training';
import { messages } from '../../bot/messages';
import type { Notice, NoticeOutbox } from '../../bot/proactive/notice-outbox';
import type { OutgoingMessage } from '../../bot/proactive/proactive-sender';
import { deterministicId } from '../../bot/storage/record-store';

export interface TrainingNoticesDeps {
  readonly training: Training;
  readonly outbox: NoticeOutbox;
  readonly clock: Clock;
}

/** Messages the training side sends on its own: place offers after a cancellation, reminders two days before. */
export class TrainingNotices {
  constructor(private readonly deps: TrainingNoticesDeps) {
    deps.outbox.register('training-reminder', { render: async (notice) => this.reminder(notice) });
    deps.outbox.register('place-offer', { render: async (notice) => this.offer(notice) });
  }

  /** Tells the next carer in line a place is held for them; a failed send is retried by the outbox. */
  async offerPlace(carer: ProactiveAddress, sessionId: string, until: string): Promise<void> {
    await this.deps.outbox.deliver(deterministicId('place-offer', sessionId, carer, until), {
      purpose: 'place-offer',
      audience: carer,
      params: { sessionId, until },
    });
  }

  /**
   * Sends reminders for sessions two days away and passes lapsed offers on. Safe to run on every instance at once:
   * each reminder is a notice created if absent first, so it goes once; `reminders` counts those delivered now.
   */
  async runOnce(): Promise<{ reminders: number; offers: number }> {
    const now = this.deps.clock.now();
    const inTwoDays = now.setZone(SERVICE_ZONE).plus({ days: 2 }).toISODate() ?? '';
    let reminders = 0;
    for (const { view, carers } of await this.deps.training.startingOn(inTwoDays)) {
      for (const carer of carers) {
        if (!(await this.deps.training.remindersOn(carer))) continue;
        const id = deterministicId('reminder', view.session.id, carer);
        if (
          (await this.deps.outbox.deliver(id, { purpose: 'training-reminder', audience: storedAddress(carer), params: { sessionId: view.session.id } })) ===
          'delivered'
        )
          reminders += 1;
      }
    }
    const offers = await this.deps.training.passOnLapsedOffers(now);
    for (const offer of offers) await this.offerPlace(storedAddress(offer.carer), offer.sessionId, offer.until);
    return { reminders, offers: offers.length };
  }

  /** A retry after the session has started has nothing left to remind of. */
  private reminder(notice: Notice): OutgoingMessage | undefined {
    const view = this.upcoming(notice.params.sessionId);
    return view === undefined ? undefined : messages.training.reminder(view.course.title, view.label);
  }

  private offer(notice: Notice): OutgoingMessage | undefined {
    const { sessionId = '', until = '' } = notice.params;
    const view = this.upcoming(sessionId);
    if (view === undefined || until <= (this.deps.clock.now().toUTC().toISO() ?? '')) return undefined;
    const untilText = DateTime.fromISO(until, { zone: SERVICE_ZONE }).setLocale('en-GB').toFormat("ccc d LLLL 'at' HH:mm");
    const text = messages.training.offer(view.course.title, view.label, untilText);
    return {
      type: 'message',
      text,
      attachments: [
        CardFactory.adaptiveCard({
          type: 'AdaptiveCard',
          version: '1.5',
          body: [{ type: 'TextBlock', text, wrap: true }],
          actions: [
            { type: 'Action.Submit', title: messages.training.acceptOffer, data: { action: 'training-offer', sessionId, accept: true } },
            { type: 'Action.Submit', title: messages.training.declineOffer, data: { action: 'training-offer', sessionId, accept: false } },
          ],
        }),
      ],
    };
  }

  private upcoming(sessionId: string | undefined) {
    const view = sessionId === undefined ? undefined : this.deps.training.find(sessionId);
    if (view === undefined || DateTime.fromISO(view.session.start, { zone: SERVICE_ZONE }) <= this.deps.clock.now()) return undefined;
    return view;
  }
}
