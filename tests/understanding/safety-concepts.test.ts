import path from 'node:path';
import { loadContent, type LoadedContent } from '../../bot/content/load-content';
import { checkConcepts, ConceptLexicon, SafetyConceptsSchema, tokenise } from '../../bot/understanding/concepts';
import { THRESHOLDS } from '../../bot/understanding/classifier';
import { createClassifier } from '../../bot/understanding/create-classifier';

/**
 * The concept lexicons of content/safety-concepts.yaml: every concept has a message it finds and a hard negative it
 * must not find (a test fails when a concept is added without both), every signal fires, and the guards keep
 * hypotheticals, training and idioms quiet. Messages here are written for these tests, not taken from any evaluation set.
 */

let content: LoadedContent;
let lexicon: ConceptLexicon;
let classifier: ReturnType<typeof createClassifier>['classifier'];

beforeAll(async () => {
  content = await loadContent(path.resolve('content'));
  lexicon = new ConceptLexicon(content.safetyConcepts);
  ({ classifier } = createClassifier(content));
});

const found = (text: string) => lexicon.find(tokenise(text));

/** concept -> [a message it must find, a hard negative it must not]. */
const CONCEPTS: Record<string, readonly [string, string]> = {
  'breathing-trouble': ['his lips have gone a funny blue colour', 'she has blue paint all over her hands'],
  unresponsive: ['i cant wake her up shes just lying there', 'he wakes up at 6 every morning'],
  seizure: ['hes having a fit on the floor and wont stop shaking', 'does the uniform fit him ok'],
  'allergic-reaction': ['ate a peanut cookie and now his lips are swollen', 'we swapped to a nut free lunchbox'],
  'severe-injury': ['theres blood everywhere from his leg', 'she had a nose bleed in class, blood everywhere'],
  'meningitis-signs': ['she has a rash that doesnt fade when i press a glass on it', 'how do we treat his eczema rash'],
  overdose: ['found an empty packet of paracetamol in her bin', 'can i give him calpol for a temperature'],
  'self-harm': ['shes been cutting herself again, i found blades in her room', 'he hurt himself playing rugby'],
  'suicidal-intent': ['he keeps saying everyone would be better off without him', 'she wants to dye her hair blue'],
  absent: ['his bed hasnt been slept in', 'my SSW never got back to me'],
  'late-or-long': ['its 2am and still nothing', 'see you at contact on tuesday'],
  unreachable: ['her phone goes straight to voicemail', 'my phone number has changed'],
  'risky-company': ['she got into a car with some older men', 'he plays football with the older kids'],
  stranded: ['hes stranded at the station, last train has gone', 'im stuck in traffic on the a14'],
  disclosure: ['she told me something awful tonight', 'we watched a film tonight'],
  'harm-sexual': ['her uncle touched her private parts', 'can she have her ears pierced'],
  'harm-violent': ['her dad punched him at contact', 'he hurt his leg playing football'],
  perpetrator: ['it was her stepdad', 'the teacher sent a letter home'],
  'at-the-door': ['theres someone banging on the door', 'can you drop the form through the letterbox'],
  aggression: ['hes drunk and shouting in the street', 'we had a quiet night in'],
  threat: ['he pulled a knife on her', 'he wont use a knife and fork at dinner'],
  'take-child': ['he says hes going to take her away', 'can i take her swimming on saturday'],
  'forced-entry': ['someone is kicking the front door in', 'the front door lock is stiff'],
  'child-distress': ['the baby is screaming and i heard a crash', 'the baby is asleep at last'],
  'urgent-help': ['please send someone now', 'can someone send me the mileage form'],
  'contact-barred': ['her dad isnt allowed contact and hes here', 'contact is every other saturday'],
  exploitation: ['i think shes being groomed by a man she met online', 'she uses snapchat with her school friends'],
  'benign-idiom': ['this paperwork is killing me', 'he said he is going to hurt me'],
  'dead-battery': ['sorry my phone died halfway through typing', 'her phone is off and she isnt home'],
  'fighting-now': ['my partner and the 15yo are fighting in the hallway and its got physical', 'the kids had a pillow fight'],
  'routine-medication': ['she took her tablets this morning as prescribed', 'she swallowed loads of tablets'],
  'missing-thing': ['my mileage payment is missing again', 'my daughter is missing'],
  hypothetical: ['what if a child ever goes missing', 'my child has gone missing'],
  resolved: ['the police brought him back at 3am', 'he still hasnt come home'],
  now: ['its happening right now', 'it happened last year'],
  'leaving-fostering': ['we want to stop fostering after this placement', 'we want to keep fostering for years'],
  'someone-else-leaving': ['our respite carer is retiring in may', 'we are retiring in may'],
  'staying-on': ['im stepping down from the committee, still fostering though', 'i cant keep fostering like this'],
  'enough-of-a-need': ['has she had enough sleep', 'ive had enough of all this'],
  'child-moving-on': ['he is moving to his forever family next month', 'we are moving house next month'],
  switching: ['thinking of moving over to an agency', 'the agency staff were lovely'],
  'fostering-itself': ['i dont think i can keep fostering', 'i dont think i can make tuesday'],
  'about-us': ['they said we did it', 'the school said so'],
  exhaustion: ['im completely burnt out', 'the toast got burnt'],
  'life-change': ['my husband has been offered a job abroad so were moving abroad', 'the job centre rang'],
  'other-provider': ['an agency offered us more', 'the council offices are shut'],
  'allegation-made': ['the LADO rang about an allegation against me', 'the school rang about a trip'],
  'pass-it-on': ['please pass this on to the forum', 'please book me on the course'],
  'other-activity': ['he wants to quit football', 'we want to quit fostering'],
  'asking-for-update': ['did anything ever come of the taxi complaints', 'the taxi came late again'],
  'own-matter': ['my mileage claim still hasnt been paid', 'mileage claims are always late for everyone'],
};

describe('every concept finds its situation and not its hard negative', () => {
  it('lists every concept in content/safety-concepts.yaml, and nothing else', () => {
    expect(Object.keys(CONCEPTS).sort()).toEqual(Object.keys(content.safetyConcepts.concepts).sort());
  });

  it.each(Object.entries(CONCEPTS))('%s', (concept, [fires, negative]) => {
    expect(found(fires).has(concept)).toBe(true);
    expect(found(negative).has(concept)).toBe(false);
  });
});

it('exhaustion: having enough of something the child needs is a quantity, not the end of a tether', () => {
  expect(found('ive had enough').has('exhaustion')).toBe(true);
  expect(found('has he had enough sleep').has('exhaustion')).toBe(false);
  expect(found('has she had enough to eat').has('exhaustion')).toBe(false);
});

describe('a phrase among alternatives is a term of its own (an alternative is one word)', () => {
  it.each([
    ['unreachable', 'hes not answering', true],
    ['unreachable', 'she keeps not picking up', true],
    ['disclosure', 'she disclosed something at school today', true],
    ['disclosure', 'he finally opened up to me', true],
    ['harm-violent', 'there are bruises on her back', true],
    ['harm-violent', 'theres a burn on his arm', true],
    ['harm-violent', 'he says his dad did it with a belt', true],
    ['allegation-made', 'they are saying the injury was caused by me', true],
    ['late-or-long', 'its now eleven at night', true],
    ['unreachable', 'cant get hold of either of them', true],
    ['take-child', 'the club let her go with her aunt', true],
    ['contact-barred', 'she is on the do not release list', true],
    ['contact-barred', 'hes only allowed supervised', true],
    ['unreachable', 'he is answering his texts again', false],
    ['harm-violent', 'bruise on his shin from football, school spotted it and asked', false],
    ['allegation-made', 'the cake was made by us', false],
    ['unreachable', 'i cant get hold of the social worker', false],
    ['contact-barred', 'is she on the school register yet', false],
  ] as const)('%s in "%s": %s', (concept, text, expected) => {
    expect(found(text).has(concept)).toBe(expected);
  });
});

describe('signals: concepts combine into a risk, and the guards keep hypotheticals quiet', () => {
  it.each([
    ['missing', 'certain', 'she hasnt come home and its gone midnight'],
    ['missing', 'certain', 'his room is empty and his phone is off'],
    ['missing', 'possible', 'not in his room'],
    ['medical', 'certain', 'the baby has gone floppy and grey'],
    ['self-harm', 'certain', 'found empty blister packs under his bed'],
    ['self-harm', 'certain', 'she has been giving all her stuff away and saying goodbye to everyone forever'],
    ['harm-or-disclosure', 'certain', 'she told me her uncle came into her room at night'],
    ['harm-or-disclosure', 'certain', 'her birth dad is outside and shouting, he isnt allowed contact'],
    ['harm-or-disclosure', 'certain', 'he came back from contact and said his brother kicked him'],
    ['harm-or-disclosure', 'possible', 'i think his brother kicked him'],
    ['missing', 'certain', 'she aint come home and its 3am, phone dead'],
    ['missing', 'possible', 'school rang, she never went in'],
    ['missing', 'possible', 'got off at the wrong stop and i have no idea where he is'],
    ['medical', 'certain', 'spilt my tea on the baby and her skin is blistering'],
    ['self-harm', 'certain', 'found the toddler chewing one of my nicotine pouches'],
    ['self-harm', 'certain', 'the kids have eaten the rat poison pellets from the shed'],
    ['self-harm', 'certain', 'she said everyone would be better off if she wasnt around'],
    ['harm-or-disclosure', 'certain', 'they are fighting in the kitchen and the baby is screaming'],
    ['harm-or-disclosure', 'certain', 'theres a burn on his arm and he says his mums boyfriend did it with a lighter'],
    ['medical', 'certain', 'shes been fitting for about 8 minutes and its not stopping'],
    ['missing', 'possible', 'hes not answering and his mates say he got in a car with some older lads'],
    ['missing', 'possible', 'he went out at 4, its now twenty to eleven at night and hes not answering'],
    ['harm-or-disclosure', 'certain', 'his mum took him out of nursery and she is only allowed supervised'],
    ['harm-or-disclosure', 'possible', 'her dad isnt allowed contact and i cant get hold of her'],
  ] as const)('%s %s: %s', (category, level, text) => {
    expect(lexicon.assess(found(text))).toMatchObject({ category, level });
  });

  it.each([
    'what should i do if a child ever goes missing',
    'is there a course on self harm for carers',
    'what is the procedure if a child says someone touched them',
    'this paperwork is killing me',
    'sorry my phone died, can you send the link again',
    'he didnt go into detail about his weekend',
    'she says shell run away if she has to change schools',
  ])('no signal: %s', (text) => {
    expect(lexicon.assess(found(text))).toBeUndefined();
  });

  it('softens what is resolved or long past to "possible", and "now" keeps it certain', () => {
    expect(lexicon.assess(found('she went missing overnight but the police brought her back'))).toMatchObject({ level: 'possible' });
    expect(lexicon.assess(found('she went missing overnight but the police brought her back and now shes gone again right now'))).toMatchObject({
      level: 'certain',
    });
  });
});

describe('a guard speaks for its own sentence', () => {
  const scoped = (text: string) => lexicon.assess(found(text), lexicon.guardScope(text, found(text)));

  it('an aside about a course does not silence a risk told in another sentence', () => {
    const text = 'I was going to ask about the first aid course in March, but that can wait. She has a burn on her arm and says her stepdad did it';
    expect(lexicon.assess(found(text))).toBeUndefined();
    expect(scoped(text)).toMatchObject({ category: 'harm-or-disclosure', level: 'certain' });
  });

  it('a guard sentence with a word a risk could use ("to say") but no risk of its own does not silence one either', () => {
    const text = 'Just wanted to say the reading session on Tuesday was lovely. Separately, the little one is floppy and I cant wake her';
    expect(scoped(text)).toMatchObject({ category: 'medical', level: 'certain' });
  });

  it('a guard in the sentence that tells the risk still keeps it quiet', () => {
    expect(scoped('I did the safeguarding course last week. What if a child says her uncle hit her?')).toBeUndefined();
    expect(scoped('Is there a course on self harm? Asking for our support group')).toBeUndefined();
  });

  it('one sentence is judged as a whole, as before', () => {
    expect(scoped('what should i do if a child ever goes missing')).toBeUndefined();
  });
});

describe('through the classifier', () => {
  it('a certain risk is the emergency signposting, with the category advice', () => {
    const understanding = classifier.classify('the baby has gone floppy and grey', 'carer');
    expect(understanding.action).toBe('emergency');
    expect(understanding.emergency).toMatchObject({ category: 'medical', level: 'certain', advice: content.safetyRules.emergency.categories.medical?.advice });
  });

  it('a risk told after an aside about training is the emergency signposting', () => {
    const understanding = classifier.classify(
      'Sorry to bother you, I tried booking the safeguarding e-learning and it keeps logging me out, not urgent. What is urgent: he went out at 4, it is now eleven at night, he is not answering and his mates say he got into a car with older lads',
      'carer',
    );
    expect(understanding.emergency).toMatchObject({ category: 'missing' });
  });

  it('a possible risk opens with the safety line and still helps with the question', () => {
    const understanding = classifier.classify('she has a rash that doesnt fade, how do i register her with a gp', 'carer');
    expect(understanding.emergency?.level).toBe('possible');
    expect(understanding.action).not.toBe('emergency');
  });

  it('an episode the model is sure is over, with a question it can answer, is signposted and the question answered', () => {
    const text = 'she went missing for an afternoon in the summer holidays, do I need to mention it at her PEP meeting';
    const understanding = classifier.classify(text, 'carer');
    expect(understanding.action).toBe('answer');
    expect(understanding.emergency).toMatchObject({ category: 'missing', level: 'possible' });
    // without the model's doubt the rule alone would make it the emergency reply
    const undoubting = createClassifier(content, { thresholds: { ...THRESHOLDS, ruleDoubt: 0 } }).classifier;
    expect(undoubting.classify(text, 'carer').action).toBe('emergency');
    // the public page has no casework the model could recognise: the rule stands there
    expect(classifier.classify(text, 'enquirer').action).toBe('emergency');
  });

  it('doubt from the model only ever turns a question into a signposted answer: a statement of what is happening stays the emergency', () => {
    // thresholds that make the model doubt every rule, so only the question test decides
    const doubting = createClassifier(content, { thresholds: { ...THRESHOLDS, ruleDoubt: 1, doubtConfident: 0 } }).classifier;
    expect(doubting.classify('the child in my care is self harming', 'carer').action).toBe('emergency');
    const question = doubting.classify('she self harmed last year, do I need to tell her new school', 'carer');
    expect(question.action).not.toBe('emergency');
    expect(question.emergency?.level).toBe('possible');
  });

  it('a member of the public who reports a child at risk is signposted too', () => {
    expect(classifier.classify('there is a little boy on his own at the bus station and its dark', 'enquirer').emergency).toBeDefined();
  });

  it('a hypothetical or training question gets the answer without alarm', () => {
    for (const text of ['what should i do if a child ever goes missing', 'is there training on self harm']) {
      const understanding = classifier.classify(text, 'carer');
      expect(understanding.emergency).toBeUndefined();
      expect(understanding.action).not.toBe('emergency');
    }
  });
});

describe('the lexicon file is checked', () => {
  it('names unknown word groups and concepts as problems', () => {
    const file = SafetyConceptsSchema.parse({
      words: {},
      concepts: { a: ['$NOPE here'] },
      signals: { medical: [{ when: ['a', 'b'], level: 'certain' }], nonsense: [{ when: ['a'], level: 'possible' }] },
      boosts: { 'not-an-action': [{ when: ['a'] }] },
      guards: { silence: [{ concept: 'c' }], soften: [], keep: [] },
    });
    expect(checkConcepts(file, ['medical'])).toEqual(
      expect.arrayContaining([
        expect.stringContaining('unknown word group $NOPE'),
        expect.stringContaining('unknown concept b'),
        expect.stringContaining('nonsense is not an emergency category'),
        expect.stringContaining('not-an-action is not an action id'),
        expect.stringContaining('unknown concept c'),
      ]),
    );
  });

  it('the shipped file has no problems', () => {
    expect(checkConcepts(content.safetyConcepts, Object.keys(content.safetyRules.emergency.categories))).toEqual([]);
  });
});
