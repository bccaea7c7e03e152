import path from 'node:path';
import { loadContent } from '../../bot/content/load-content';
import { createClassifier } from '../../bot/understanding/create-classifier';
import type { Persona } from '../../bot/roles';

/**
 * The feedback loop's intents (content/intents.yaml): situations, not sentences. Each pattern has messages that must
 * fire it and near misses that must not; these messages are written for this test, not taken from any evaluation set.
 */
let classifier: ReturnType<typeof createClassifier>['classifier'];
beforeAll(async () => {
  ({ classifier } = createClassifier(await loadContent(path.resolve('content'))));
});
const read = (text: string, persona: Persona = 'carer') => classifier.classify(text, persona);

describe('a carer asking what the service did about something carers raised', () => {
  it.each([
    ["what's been done about the mileage being paid late", 'payments-timeliness'],
    ['did anything ever come of the taxi complaints from the spring forum', 'transport-reliability'],
    ['has the council responded to what we said about the tax statements?', 'tax-statements'],
    ['any update on the ID badges carers asked for at the forum?', undefined],
    ['has anything changed with the reviews being cancelled at short notice?', undefined],
  ])('"%s" is answered from the association guidance with the responses', (text, theme) => {
    const understood = read(text);
    expect(understood).toMatchObject({ action: 'answer', topic: 'association', reason: 'intent.feedback-responses' });
    if (theme !== undefined) expect(understood.theme).toBe(theme);
  });

  it.each(["what's happening with my mileage claim, it still hasn't come", 'has anything been done about my payment? it never arrived'])(
    'not about a carer\'s own payment or claim: "%s"',
    (text) => {
      expect(read(text).reason).not.toBe('intent.feedback-responses');
    },
  );

  it('is not a new transport report: the taxi words alone no longer start one', () => {
    expect(read('has anything been done about the taxis not turning up?').action).not.toBe('transport-report');
    expect(read('the taxi did not turn up for school this morning').action).toBe('transport-report');
  });

  it('is for carers: a rep asking the same is a report', () => {
    expect(read('has the service responded to anything we raised this quarter?', 'association-rep').action).toBe('report');
  });
});

describe('stopping feedback updates (the bot tells subscribers how)', () => {
  it.each(['stop feedback updates', 'please turn off the response notifications', 'unsubscribe me from the feedback updates'])('"%s" stops them', (text) => {
    expect(read(text)).toMatchObject({ action: 'feedback', reason: 'intent.feedback-updates-off' });
  });

  it.each(['stop sending me feedback forms, they are pointless', 'I want to stop fostering'])('"%s" is not a request to stop updates', (text) => {
    expect(read(text).reason).not.toBe('intent.feedback-updates-off');
  });
});

describe('managers reviewing feedback', () => {
  it.each(['show new feedback', 'any feedback from carers I have not looked at?'])('"%s" lists what waits for a response', (text) => {
    expect(read(text, 'manager').action).toBe('review-concerns');
  });

  it('the themes report is a report', () => {
    expect(read('feedback themes report for the last 6 months', 'manager').action).toBe('report');
  });
});

describe('precedence is unchanged: feedback that is also a retention signal or an emergency is handled as that first', () => {
  it('a carer who says they will give up, in feedback for the forum, is met as retention', () => {
    expect(read('please pass this on to the forum: we are going to give up fostering if the payments keep coming late').action).toBe('retention');
  });

  it('a child at risk in a message for the forum gets the emergency', () => {
    expect(read('tell the forum this: our foster son has run away and we cannot find him, he has been gone all night').action).toBe('emergency');
  });
});
