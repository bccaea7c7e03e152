import { ComponentDialog, WaterfallDialog, type DialogTurnResult, type FoundChoice, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { Clock } from '../../bot/clock';
import { trainingRequestOf, type BookResult, type Training, type TrainingRequest } from '../../bot/domain/training/training';
import { messages } from '../../bot/messages';
import { DialogId } from '../dialog-ids';
import { buttonsPrompt, confirmPrompt } from '../choices';

const CHOICE = 'trainingBooking.choice';
const CONFIRM = 'trainingBooking.confirm';
const STEPS = 'trainingBooking.steps';

export interface TrainingBookingOptions {
  readonly text: string;
  /** A stable key for the carer (never a name). */
  readonly carer: string;
}

export interface TrainingBookingDeps {
  readonly training: Training;
  readonly clock: Clock;
  /** Tells the next carer in line that a place is held for them (proactive). */
  readonly offerPlace: (carer: string, sessionId: string, until: string) => Promise<void>;
}

interface State {
  request?: TrainingRequest;
  courseId?: string;
  sessionId?: string;
  /** choice label -> id, for the prompt in flight */
  labels?: Record<string, string>;
}
const state = (step: WaterfallStepContext): State => step.values;

/** Book, list, cancel training places, or register interest when no date suits. */
export class TrainingBookingDialog extends ComponentDialog {
  constructor(private readonly deps: TrainingBookingDeps) {
    super(DialogId.trainingBooking);
    this.addDialog(buttonsPrompt(CHOICE))
      .addDialog(confirmPrompt(CONFIRM))
      .addDialog(
        new WaterfallDialog(STEPS, [this.start.bind(this), this.afterFirstChoice.bind(this), this.afterSecondChoice.bind(this), this.finish.bind(this)]),
      );
    this.initialDialogId = STEPS;
  }

  private async start(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { text, carer } = step.options as TrainingBookingOptions;
    const s = state(step);
    s.request = trainingRequestOf(text);
    const now = this.deps.clock.now();
    if (s.request === 'list' || s.request === 'cancel') {
      const bookings = await this.deps.training.bookingsOf(carer, now);
      if (bookings.length === 0) {
        await step.context.sendActivity(messages.training.noBookings);
        return step.endDialog();
      }
      const lines = bookings.map((b) => `${b.course.title}, ${b.label}${b.waiting ? ' (waiting list)' : ''}`);
      if (s.request === 'list') {
        await step.context.sendActivity(messages.training.yourBookings(lines));
        return step.endDialog();
      }
      return this.choose(step, messages.training.whichToCancel, Object.fromEntries(bookings.map((b, i) => [lines[i] ?? b.label, b.session.id])));
    }
    const [course] = this.deps.training.findCourses(text);
    if (course !== undefined) return step.next(course.id);
    return this.choose(step, messages.training.whichCourse, Object.fromEntries(this.deps.training.courses.map((c) => [c.title, c.id])));
  }

  private async afterFirstChoice(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const s = state(step);
    const picked = this.picked(step);
    if (s.request === 'cancel') {
      const view = this.deps.training.find(picked);
      s.sessionId = picked;
      return step.prompt(CONFIRM, { prompt: messages.training.confirmCancel(view?.course.title ?? '', view?.label ?? '') });
    }
    const course = this.deps.training.courses.find((c) => c.id === picked);
    if (course === undefined) return step.endDialog();
    s.courseId = course.id;
    const sessions = this.deps.training.upcoming(course, this.deps.clock.now());
    if (s.request === 'interest' || sessions.length === 0) {
      await this.registerInterest(step, course.id);
      await step.context.sendActivity(s.request === 'interest' ? messages.training.interest(course.title) : messages.training.noDates(course.title));
      return step.endDialog();
    }
    return this.choose(step, messages.training.whichSession(course.title), {
      ...Object.fromEntries(sessions.map((v) => [v.label, v.session.id])),
      [messages.training.noneSuit]: 'none',
    });
  }

  private async afterSecondChoice(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const s = state(step);
    const { carer } = step.options as TrainingBookingOptions;
    if (s.request === 'cancel') {
      const view = this.deps.training.find(s.sessionId ?? '');
      if (step.result !== true || view === undefined) {
        await step.context.sendActivity(messages.training.kept);
        return step.endDialog();
      }
      let cancelled: Awaited<ReturnType<Training['cancel']>>;
      try {
        cancelled = await this.deps.training.cancel(carer, view.session.id, this.deps.clock.now());
      } catch {
        // the store gave up: tell the carer what is actually stored, not what was attempted
        const place = await this.deps.training.placeAfterFailure(carer, view.session.id);
        const text = {
          none: messages.training.cancelledPlace(view.course.title, view.label),
          booked: messages.training.cancelFailed(view.course.title, view.label),
          waiting: messages.training.cancelFailed(view.course.title, view.label),
          unknown: messages.training.cancelUnknown,
        }[place];
        await step.context.sendActivity(text);
        // the cancel may have committed and held the place for the next carer in line: make sure they are told
        if (place === 'none') await this.announceHeldOffers(view.session.id);
        return step.endDialog();
      }
      await step.context.sendActivity(messages.training.cancelledPlace(view.course.title, view.label));
      if (cancelled.offer !== undefined) await this.deps.offerPlace(cancelled.offer.carer, view.session.id, cancelled.offer.until);
      return step.endDialog();
    }
    const picked = this.picked(step);
    const course = this.deps.training.courses.find((c) => c.id === s.courseId);
    if (picked === 'none' && course !== undefined) {
      await this.registerInterest(step, course.id);
      await step.context.sendActivity(messages.training.interest(course.title));
      return step.endDialog();
    }
    const view = this.deps.training.find(picked);
    if (view === undefined) return step.endDialog();
    s.sessionId = view.session.id;
    return step.prompt(CONFIRM, { prompt: messages.training.confirmBook(view.course.title, view.label) });
  }

  private async finish(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const view = this.deps.training.find(state(step).sessionId ?? '');
    if (step.result !== true || view === undefined) {
      await step.context.sendActivity(messages.training.notBooked);
      return step.endDialog();
    }
    const { carer } = step.options as TrainingBookingOptions;
    const outcome = await this.bookTruthfully(carer, view.session.id);
    const { title } = view.course;
    const reply = {
      'not-booked': messages.training.bookFailed,
      unknown: messages.training.bookUnknown,
      booked: messages.training.booked(title, view.label),
      'waiting-list': messages.training.waiting(title, view.label),
      'already-booked': messages.training.alreadyBooked(title, view.label),
      'already-waiting': messages.training.alreadyWaiting(title, view.label),
      past: messages.training.past,
      'unknown-session': messages.training.notBooked,
    }[outcome];
    await step.context.sendActivity(reply);
    return step.endDialog({ outcome });
  }

  /** The booking, or when the store gave up (perhaps after the write committed) the place as actually stored. */
  private async announceHeldOffers(sessionId: string): Promise<void> {
    try {
      for (const offer of await this.deps.training.heldOffers(sessionId)) await this.deps.offerPlace(offer.carer, sessionId, offer.until);
    } catch {
      // the store is failing: the hold lapses after its hours and the place passes to the next carer in line
    }
  }

  private async bookTruthfully(carer: string, sessionId: string): Promise<BookResult | 'not-booked' | 'unknown'> {
    try {
      return await this.deps.training.book(carer, sessionId, this.deps.clock.now());
    } catch {
      const place = await this.deps.training.placeAfterFailure(carer, sessionId);
      return place === 'booked' ? 'booked' : place === 'waiting' ? 'waiting-list' : place === 'none' ? 'not-booked' : 'unknown';
    }
  }

  private async choose(step: WaterfallStepContext, prompt: string, options: Record<string, string>): Promise<DialogTurnResult> {
    state(step).labels = options;
    return step.prompt(CHOICE, { prompt, choices: Object.keys(options) });
  }

  private picked(step: WaterfallStepContext): string {
    if (typeof step.result === 'string') return step.result;
    const label = (step.result as FoundChoice | undefined)?.value ?? '';
    return state(step).labels?.[label] ?? '';
  }

  private async registerInterest(step: WaterfallStepContext, courseId: string): Promise<void> {
    const { carer } = step.options as TrainingBookingOptions;
    await this.deps.training.registerInterest(carer, courseId, this.deps.clock.now().toUTC().toISO() ?? '');
  }
}
