import path from 'node:path';
import { loadContent } from '../../bot/content/load-content';
import { messages } from '../../bot/messages';
import type { Persona } from '../../bot/roles';
import { createClassifier } from '../../bot/understanding/create-classifier';

/**
 * The front door's intents (content/intents.yaml): situations, not sentences. Messages written for this test, not taken
 * from any evaluation set; each group has near misses that must not fire.
 */
let classifier: ReturnType<typeof createClassifier>['classifier'];
beforeAll(async () => {
  ({ classifier } = createClassifier(await loadContent(path.resolve('content'))));
});
const read = (text: string, persona: Persona) => classifier.classify(text, persona);

describe('an enquirer on the public page', () => {
  it.each(Object.values(messages.enquiries.offers))('pressing "%s" under an answer starts the enquiry', (button) => {
    expect(read(button, 'enquirer')).toMatchObject({ action: 'enquiry', reason: 'intent.enquiry-offer' });
  });

  it.each([
    "what's happening with my enquiry?",
    'any news on my application pls',
    'has any1 actually looked at my enquiry yet',
    'filled in my details last wk and still nobody has rung me',
    'i gave my number on friday, no one has called yet',
    'did my enquiry go through? not heard anything',
    'EQ-7H2K9P whats the latest',
    'when will someone get back to me',
    'where do we stand with our application',
  ])('asking where their own enquiry stands: "%s"', (text) => {
    expect(read(text, 'enquirer')).toMatchObject({ action: 'enquiry', reason: 'intent.enquiry-status' });
  });

  it.each([
    'please delete my details',
    'can you remove my information, ive changed my mind',
    'withdraw our enquiry please',
    'cancel my enquiry',
    "we don't want to be contacted any more thanks",
    'stop calling me',
  ])('withdrawing consent: "%s"', (text) => {
    expect(read(text, 'enquirer')).toMatchObject({ action: 'enquiry', reason: 'intent.enquiry-forget' });
  });

  it.each(['how long does the assessment take?', 'what happens after I enquire?', 'what happens at an initial visit', 'how do you use my data?'])(
    'a question about the process or data stays a question, not their own enquiry: "%s"',
    (text) => {
      const understood = read(text, 'enquirer');
      expect(understood.reason).not.toMatch(/^intent\.enquiry-(status|forget)$/);
      expect(understood.action).not.toBe('enquiry');
    },
  );

  it.each([
    ['could someone ring me about fostering', 'intent.enquiry'],
    ["I'd love to come to one of the info evenings", 'intent.enquiry'],
    ['can i chat to someone who fosters already', 'intent.enquiry'],
  ])('a new request is an enquiry to start, not a status question: "%s"', (text, reason) => {
    expect(read(text, 'enquirer')).toMatchObject({ action: 'enquiry', reason });
  });

  it('"cancel" alone is not a withdrawal (it ends whatever flow is running)', () => {
    expect(read('cancel', 'enquirer').reason).not.toBe('intent.enquiry-forget');
  });
});

describe('recruitment officers and others', () => {
  it.each([
    'show new enquiries',
    'enquiries not called back yet',
    "who hasn't been contacted",
    'enquiries interested in parent and child',
    'which enquirers want to talk to a foster carer',
    "who's booked on the next info session",
    'assign EQ-7H2K9P to me',
  ])('"%s" lists or acts on enquiries', (text) => {
    expect(read(text, 'recruitment-officer').action).toBe('review-enquiries');
  });

  it.each(['recruitment funnel', 'show me the funnel for last quarter', 'conversion from enquiry to application this year', 'how many enquiries in november'])(
    '"%s" is the funnel report',
    (text) => {
      expect(read(text, 'recruitment-officer').action).toBe('report');
    },
  );

  it('a manager asking for enquiries by reference is not sent to the concerns list', () => {
    expect(read('assign EQ-7H2K9P to me', 'manager').action).not.toBe('review-concerns');
  });

  it("a carer asking for the officers' list is recorded as that and refused by the route", () => {
    expect(read('show new enquiries', 'carer')).toMatchObject({ action: 'review-enquiries', reason: 'intent.staff-only-enquiries' });
  });

  it.each(['any update on my transport report', 'cancel my booking', 'please delete my details'])('a carer\'s "%s" is never an enquiry', (text) => {
    expect(read(text, 'carer').action).not.toBe('enquiry');
  });
});
