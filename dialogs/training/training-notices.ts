import { CardFactory } from 'botbuilder';
import { DateTime } from 'luxon';
import { SERVICE_ZONE, type Clock } from '../../bot/clock';
import type { Training } from '../../bot/domain/training';
import type { Logger } from '../../bot/logger';
import { messages } from '../../bot/messages';
import type { ProactiveSender } from '../../bot/proactive/proactive-sender';

export interface TrainingNoticesDeps {
  readonly training: Training;
  readonly proactive: ProactiveSender;
  readonly clock: Clock;
  readonly logger: Logger;
}

/** Messages the training side sends on its own: place offers after a cancellation, reminders two days before. */
export class TrainingNotices {
  constructor(private readonly deps: TrainingNoticesDeps) {}

  async offerPlace(carer: string, sessionId: string, until: string): Promise<void> {
    const view = this.deps.training.find(sessionId);
    if (view === undefined) return;
    const untilText = DateTime.fromISO(until, { zone: SERVICE_ZONE }).setLocale('en-GB').toFormat("ccc d LLLL 'at' HH:mm");
    const text = messages.training.offer(view.course.title, view.label, untilText);
    const outcome = await this.deps.proactive.send(carer, {
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
    });
    if (outcome !== 'sent') this.deps.logger.warn('place offer not delivered', { outcome, code: 'OFFER_NOT_SENT' });
  }

  /**
   * Sends reminders for sessions two days away and passes lapsed offers on. Safe to run on every instance at once:
   * each reminder is claimed with a create-if-absent record first, so it goes once.
   */
  async runOnce(): Promise<{ reminders: number; offers: number }> {
    const now = this.deps.clock.now();
    const inTwoDays = now.setZone(SERVICE_ZONE).plus({ days: 2 }).toISODate() ?? '';
    let reminders = 0;
    for (const { view, carers } of await this.deps.training.startingOn(inTwoDays)) {
      for (const carer of carers) {
        if (!(await this.deps.training.remindersOn(carer))) continue;
        if (!(await this.deps.training.claimReminder(carer, view.session.id, now.toUTC().toISO() ?? ''))) continue;
        if ((await this.deps.proactive.send(carer, messages.training.reminder(view.course.title, view.label))) === 'sent') reminders += 1;
      }
    }
    const offers = await this.deps.training.passOnLapsedOffers(now);
    for (const offer of offers) await this.offerPlace(offer.carer, offer.sessionId, offer.until);
    return { reminders, offers: offers.length };
  }
}

