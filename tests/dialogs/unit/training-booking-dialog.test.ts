import { DialogTurnStatus } from 'botbuilder-dialogs';
import { fixedClock } from '../../helpers/fixed-clock';
import type { LoadedContent } from '../../../bot/content/load-content';
import type { Training } from '../../../bot/domain/training/training';
import { messages } from '../../../bot/messages';
import { userAddress } from '../../../bot/proactive/address';
import { TrainingBookingDialog, type TrainingBookingDeps, type TrainingBookingOptions } from '../../../dialogs/training/training-booking-dialog';
import { closeStores, DialogConversation, desks, loadRealContent, required } from './dialog-test-kit';

const clock = fixedClock('2027-02-20T12:00:00Z');
const CARER = userAddress('msteams:aad-carer');
/** A course with two dates after the clock, and one whose only date has passed (content/training-courses.yaml). */
const COURSE_WITH_DATES = 'first-aid';
const COURSE_WITHOUT_DATES = 'positive-behaviour-support';

/** A ConfirmPrompt on the test channel lists its choices after the prompt. */
const confirming = (prompt: string): unknown[] => [expect.stringContaining(prompt)];

describe('TrainingBookingDialog (unit, DialogTestClient)', () => {
  let content: LoadedContent;
  beforeAll(async () => {
    content = await loadRealContent();
  });
  afterEach(closeStores);

  const start = (text: string) => {
    const world = desks(clock, content);
    const offers: { carer: string; sessionId: string; until: string }[] = [];
    const offerPlace: TrainingBookingDeps['offerPlace'] = async (carer, sessionId, until) => {
      offers.push({ carer, sessionId, until });
    };
    const options: TrainingBookingOptions = { text, carer: CARER };
    const dialog = new TrainingBookingDialog({ training: world.training, clock, offerPlace });
    return { ...world, offers, options, chat: new DialogConversation(dialog, options) };
  };
  /** The course as the catalogue has it, and its upcoming dates as the carer reads them. */
  const courseOf = (training: Training, id: string) => {
    const course = required(
      training.courses.find((c) => c.id === id),
      `course ${id}`,
    );
    return { course, dates: training.upcoming(course, clock.now()) };
  };
  const firstDateOf = (training: Training) => {
    const { course, dates } = courseOf(training, COURSE_WITH_DATES);
    return { course, view: required(dates[0], `an upcoming date for ${COURSE_WITH_DATES}`), dates };
  };
  const bookingLine = (training: Training) => {
    const { course, view } = firstDateOf(training);
    return `${course.title}, ${view.label}`;
  };

  describe('booking', () => {
    it('finds the course in the carer\'s words, offers its dates and "none suit", confirms, and books the place', async () => {
      const { chat, options, training } = start('can you book me on the first aid course please');
      const { course, view, dates } = firstDateOf(training);
      const offered = await chat.say(options.text);
      expect(offered.map((r) => r.text)).toEqual([messages.training.whichSession(course.title)]);
      expect(offered[0]?.buttons).toEqual([...dates.map((d) => d.label), messages.training.noneSuit]);
      expect(await chat.texts(view.label)).toEqual(confirming(messages.training.confirmBook(course.title, view.label)));

      expect(await chat.texts('yes')).toEqual([messages.training.booked(course.title, view.label)]);

      expect((await training.bookingsOf(CARER, clock.now())).map((b) => ({ session: b.session.id, waiting: b.waiting }))).toEqual([
        { session: view.session.id, waiting: false },
      ]);
      expect(chat.status).toBe(DialogTurnStatus.complete);
      expect(chat.result).toEqual({ outcome: 'booked' });
    });

    it('asks which course, offering every course, when the words name none', async () => {
      const { chat, options, training } = start('book me on a course');
      const { course } = firstDateOf(training);
      const turn = await chat.say(options.text);
      expect(turn.map((r) => r.text)).toEqual([messages.training.whichCourse]);
      expect(turn[0]?.buttons).toEqual(training.courses.map((c) => c.title));
      expect(await chat.texts(course.title)).toEqual([messages.training.whichSession(course.title)]);
      expect(chat.status).toBe(DialogTurnStatus.waiting);
    });

    it('books nothing when the carer says no at the confirmation', async () => {
      const { chat, options, training } = start('book me on first aid');
      const { view } = firstDateOf(training);
      await chat.say(options.text);
      await chat.say(view.label);
      expect(await chat.texts('no')).toEqual([messages.training.notBooked]);
      expect(await training.bookingsOf(CARER, clock.now())).toEqual([]);
      expect(chat.status).toBe(DialogTurnStatus.complete);
    });

    it('puts the carer on the waiting list when the session is full, and says so', async () => {
      const { chat, options, training } = start('book me on first aid');
      const { course, view } = firstDateOf(training);
      for (let i = 0; i < view.session.capacity; i += 1) await training.book(`other-carer-${i}`, view.session.id, clock.now());
      expect(await training.placesOf(view.session.id)).toEqual({ booked: view.session.capacity, waiting: 0, capacity: view.session.capacity });
      await chat.say(options.text);
      await chat.say(view.label);
      expect(await chat.texts('yes')).toEqual([messages.training.waiting(course.title, view.label)]);
      expect(await training.placesOf(view.session.id)).toEqual({ booked: view.session.capacity, waiting: 1, capacity: view.session.capacity });
      expect(chat.result).toEqual({ outcome: 'waiting-list' });
    });

    it('registers interest when none of the dates suit', async () => {
      const { chat, options, training } = start('book me on first aid');
      const { course } = firstDateOf(training);
      await chat.say(options.text);
      expect(await chat.texts(messages.training.noneSuit)).toEqual([messages.training.interest(course.title)]);
      expect(await training.interestIn(course.id)).toBe(1);
      expect(await training.bookingsOf(CARER, clock.now())).toEqual([]);
      expect(chat.status).toBe(DialogTurnStatus.complete);
    });

    it('registers interest at once when the course has no dates left', async () => {
      const { chat, options, training } = start('book me on the PBS course');
      const { course, dates } = courseOf(training, COURSE_WITHOUT_DATES);
      expect(dates).toEqual([]);
      expect(await chat.texts(options.text)).toEqual([messages.training.noDates(course.title)]);
      expect(await training.interestIn(course.id)).toBe(1);
      expect(chat.status).toBe(DialogTurnStatus.complete);
    });

    it('registers interest straight away when the carer asks to', async () => {
      const { chat, options, training } = start('none of the first aid dates work, register my interest');
      const { course } = firstDateOf(training);
      expect(await chat.texts(options.text)).toEqual([messages.training.interest(course.title)]);
      expect(await training.interestIn(course.id)).toBe(1);
      expect(chat.status).toBe(DialogTurnStatus.complete);
    });
  });

  describe('booking when the store gives up', () => {
    /** The date chosen: the next answer ("yes") books. */
    const upToConfirm = async (chat: DialogConversation, options: TrainingBookingOptions, training: Training) => {
      const { course, view } = firstDateOf(training);
      await chat.say(options.text);
      expect(await chat.texts(view.label)).toEqual(confirming(messages.training.confirmBook(course.title, view.label)));
      return { course, view };
    };

    it('before writing: says nothing was booked, and nothing is', async () => {
      const { chat, options, training, failing } = start('book me on first aid');
      await upToConfirm(chat, options, training);
      failing.failFrom('booking', 'before-commit');
      expect(await chat.texts('yes')).toEqual([messages.training.bookFailed]);
      expect(await training.bookingsOf(CARER, clock.now())).toEqual([]);
      expect(chat.status).toBe(DialogTurnStatus.complete);
      expect(chat.result).toEqual({ outcome: 'not-booked' });
    });

    it('and cannot be asked again: says it cannot tell whether the booking went through', async () => {
      const { chat, options, training, failing } = start('book me on first aid');
      await upToConfirm(chat, options, training);
      failing.failFrom('booking', 'before-commit', { readsFail: true });
      expect(await chat.texts('yes')).toEqual([messages.training.bookUnknown]);
      expect(chat.status).toBe(DialogTurnStatus.complete);
      expect(chat.result).toEqual({ outcome: 'unknown' });
    });

    it('after the write committed: tells the carer they are booked, as the store says', async () => {
      const { chat, options, training, failing } = start('book me on first aid');
      const { course, view } = await upToConfirm(chat, options, training);
      await training.book('another-carer', view.session.id, clock.now()); // the session's places exist: booking replaces them
      failing.failFrom('booking', 'after-commit');
      expect(await chat.texts('yes')).toEqual([messages.training.booked(course.title, view.label)]);
      expect(failing.failures()).toBe(1);
      expect((await training.bookingsOf(CARER, clock.now())).map((b) => b.session.id)).toEqual([view.session.id]);
      expect(chat.result).toEqual({ outcome: 'booked' });
    });
  });

  describe('listing and cancelling', () => {
    it('says there are no bookings when there are none', async () => {
      const { chat, options } = start('what courses am i booked on');
      expect(await chat.texts(options.text)).toEqual([messages.training.noBookings]);
      expect(chat.status).toBe(DialogTurnStatus.complete);
    });

    it("lists the carer's upcoming bookings", async () => {
      const { chat, options, training } = start('my bookings');
      const { view } = firstDateOf(training);
      await training.book(CARER, view.session.id, clock.now());
      expect(await chat.texts(options.text)).toEqual([messages.training.yourBookings([bookingLine(training)])]);
      expect(chat.status).toBe(DialogTurnStatus.complete);
    });

    it('cancels the booking chosen after confirming, and offers nobody a place when nobody is waiting', async () => {
      const { chat, options, training, offers } = start("i can't make the first aid training anymore, cancel it");
      const { course, view } = firstDateOf(training);
      await training.book(CARER, view.session.id, clock.now());
      const which = await chat.say(options.text);
      expect(which.map((r) => r.text)).toEqual([messages.training.whichToCancel]);
      expect(which[0]?.buttons).toEqual([bookingLine(training)]);
      expect(await chat.texts(bookingLine(training))).toEqual(confirming(messages.training.confirmCancel(course.title, view.label)));

      expect(await chat.texts('yes')).toEqual([messages.training.cancelledPlace(course.title, view.label)]);

      expect(await training.bookingsOf(CARER, clock.now())).toEqual([]);
      expect(offers).toEqual([]);
      expect(chat.status).toBe(DialogTurnStatus.complete);
    });

    it('offers the freed place to the first carer waiting', async () => {
      const { chat, options, training, offers } = start('cancel my first aid place');
      const { view } = firstDateOf(training);
      await training.book(CARER, view.session.id, clock.now());
      for (let i = 1; i < view.session.capacity; i += 1) await training.book(`other-carer-${i}`, view.session.id, clock.now());
      expect(await training.book('waiting-carer', view.session.id, clock.now())).toBe('waiting-list');
      await chat.say(options.text);
      await chat.say(bookingLine(training));
      await chat.say('yes');
      expect(offers).toEqual([{ carer: 'waiting-carer', sessionId: view.session.id, until: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/) }]);
      expect(chat.status).toBe(DialogTurnStatus.complete);
    });

    it('keeps the booking when the carer says no at the confirmation', async () => {
      const { chat, options, training } = start('cancel my first aid place');
      const { view } = firstDateOf(training);
      await training.book(CARER, view.session.id, clock.now());
      await chat.say(options.text);
      await chat.say(bookingLine(training));
      expect(await chat.texts('no')).toEqual([messages.training.kept]);
      expect((await training.bookingsOf(CARER, clock.now())).map((b) => b.session.id)).toEqual([view.session.id]);
      expect(chat.status).toBe(DialogTurnStatus.complete);
    });
  });

  describe('cancelling when the store gives up', () => {
    const upToConfirm = async (chat: DialogConversation, options: TrainingBookingOptions, training: Training) => {
      const { course, view } = firstDateOf(training);
      await training.book(CARER, view.session.id, clock.now());
      await chat.say(options.text);
      expect(await chat.texts(bookingLine(training))).toEqual(confirming(messages.training.confirmCancel(course.title, view.label)));
      return { course, view };
    };

    it('before writing: says the carer is still booked, and they are', async () => {
      const { chat, options, training, failing } = start('cancel my first aid place');
      const { course, view } = await upToConfirm(chat, options, training);
      failing.failFrom('booking', 'before-commit');
      expect(await chat.texts('yes')).toEqual([messages.training.cancelFailed(course.title, view.label)]);
      expect((await training.bookingsOf(CARER, clock.now())).map((b) => b.session.id)).toEqual([view.session.id]);
      expect(chat.status).toBe(DialogTurnStatus.complete);
    });

    it('and cannot be asked again: says it cannot tell whether the cancellation went through', async () => {
      const { chat, options, training, failing } = start('cancel my first aid place');
      await upToConfirm(chat, options, training);
      failing.failFrom('booking', 'before-commit', { readsFail: true });
      expect(await chat.texts('yes')).toEqual([messages.training.cancelUnknown]);
      expect(chat.status).toBe(DialogTurnStatus.complete);
    });

    it('after the write committed: says the place is cancelled, as the store says', async () => {
      const { chat, options, training, failing } = start('cancel my first aid place');
      const { course, view } = await upToConfirm(chat, options, training);
      failing.failFrom('booking', 'after-commit');
      expect(await chat.texts('yes')).toEqual([messages.training.cancelledPlace(course.title, view.label)]);
      expect(failing.failures()).toBe(1);
      expect(await training.bookingsOf(CARER, clock.now())).toEqual([]);
      expect(chat.status).toBe(DialogTurnStatus.complete);
    });

    it('after the write committed, with someone waiting: the place held for them is still offered to them', async () => {
      const { chat, options, training, failing, offers } = start('cancel my first aid place');
      const { view } = firstDateOf(training);
      for (let i = 1; i < view.session.capacity; i += 1) await training.book(`other-carer-${i}`, view.session.id, clock.now());
      const { course } = await upToConfirm(chat, options, training);
      expect(await training.book('waiting-carer', view.session.id, clock.now())).toBe('waiting-list');
      failing.failFrom('booking', 'after-commit');
      expect(await chat.texts('yes')).toEqual([messages.training.cancelledPlace(course.title, view.label)]);
      expect(failing.failures()).toBe(1);
      expect(offers).toEqual([{ carer: 'waiting-carer', sessionId: view.session.id, until: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/) }]);
    });
  });
});
