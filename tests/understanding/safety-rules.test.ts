import path from 'node:path';
import { loadContent, type LoadedContent } from '../../bot/content/load-content';
import { createClassifier } from '../../bot/understanding/create-classifier';
import { normaliseForRules } from '../../bot/understanding/normalise';
import { RuleSet } from '../../bot/understanding/rules';
import type { Persona } from '../../bot/roles';

/**
 * The deterministic safeguarding, allegation and retention rules (content/safety-rules.yaml, SG-4), tested through
 * the real classifier. Every pattern has at least one message that fires it (checked by the coverage tests at the
 * end), and the hard negatives must not fire.
 */

let classifier: ReturnType<typeof createClassifier>['classifier'];
let safetyRules: LoadedContent['safetyRules'];

beforeAll(async () => {
  const content = await loadContent(path.resolve('content'));
  safetyRules = content.safetyRules;
  ({ classifier } = createClassifier(content));
});

const SAFETY_ACTIONS: readonly string[] = ['emergency', 'allegation-support', 'retention'];
const NON_CARERS: readonly Persona[] = ['enquirer', 'manager', 'recruitment-officer', 'association-rep'];
const ALL_PERSONAS: readonly Persona[] = ['carer', ...NON_CARERS];

type EmergencyCategory = 'missing' | 'harm-or-disclosure' | 'self-harm' | 'medical';

/** [category, message]: each must be classified as that emergency for a carer. */
const EMERGENCIES: readonly (readonly [EmergencyCategory, string])[] = [
  // missing #0: "(gone|went|...|reported|still|now) missing"
  ['missing', 'my foster son has gone missing from the park'],
  ['missing', 'She went missing on the way home from school'],
  ['missing', 'our 14 yr old is missing and not answering her phone'],
  ['missing', 'daughter been missing since 4pm'],
  // missing #1: "missing (since|for|from|overnight|all day/night)"
  ['missing', 'shes missing overnight again, third time this month'],
  ['missing', 'lad missing for 3 hours now, phone off'],
  // missing #2: "(not|hasnt|didnt|never|...) (come|came|returned|...) ... (home|back)"
  ['missing', 'he hasnt come home from school and its 7pm'],
  ['missing', 'HE HASNT COME HOME YET ITS GONE 10'],
  ['missing', 'she didnt come back after contact with mum'],
  ['missing', 'my foster daughter has not returned home tonight'],
  ['missing', 'he never came home last night'],
  // missing #3: "(not|still not|isnt) (back|home) (yet|tonight)"
  ['missing', "its 11pm and she's not back yet"],
  ['missing', 'he isnt home tonight and wont answer his phone'],
  // missing #4: "(run|ran|running|runs) (away|off)"
  ['missing', 'my foster son has run away again'],
  ['missing', "she's run away!!! not answering her fone"],
  ['missing', 'she ran off in town and i cant see her anywhere'],
  // missing #5: "abscond..."
  ['missing', 'yp has absconded from placement'],
  ['missing', 'ive reported her missing to the police'],
  ['missing', 'shes gone missin again'],
  ['missing', 'he hasnt come back and its nearly midnight'],
  ['missing', 'done a runaway from respite'],
  ['missing', 'she ran of at the park'],
  ['missing', 'absconding again, what do i do'],
  // missing #6: "(cant|cannot) (find|reach|locate|get hold of) (him|her|my ...) ... (hours|since|all day|tonight)"
  ['missing', 'cant get hold of her, been trying for 3 hours'],
  ['missing', "I can't find my foster daughter anywhere and she's been gone since lunch"],

  // harm-or-disclosure #0: "(touched|groped|...) (her|him|them|me)"
  ['harm-or-disclosure', 'she told me her uncle touched her at contact'],
  ['harm-or-disclosure', 'she was hit by her stepdad at the weekend'],
  ['harm-or-disclosure', 'i think the baby is in danger'],
  ['harm-or-disclosure', 'found a knife in his school bag'],
  ['harm-or-disclosure', 'an older boy on the school bus groped her'],
  // harm-or-disclosure #1: "(hit|kicked|punched|hurt|...) (her|him|them|me)"
  ['harm-or-disclosure', 'her mums boyfriend hit her at contact on saturday'],
  ['harm-or-disclosure', 'he came home saying his dad punched him'],
  ['harm-or-disclosure', 'birth dad kicked him when he was dropped off'],
  ['harm-or-disclosure', 'she said her step dad hurt her :('],
  // harm-or-disclosure #2: "(is|was|being|getting|...) (abused|hurt|beaten|...)"
  ['harm-or-disclosure', "I think she's being abused by someone at her dads"],
  ['harm-or-disclosure', 'he said hes getting beaten at his mums house'],
  // harm-or-disclosure #3: "sexual(ly) (abuse|assault|...)"
  ['harm-or-disclosure', 'she disclosed sexual abuse last night at bedtime'],
  ['harm-or-disclosure', 'Im worried she has been sexually assaulted at a party'],
  // harm-or-disclosure #4: "(told|says|disclosed|...) (me|us) ... abuse"
  ['harm-or-disclosure', 'my foster son told me about abuse at his nans'],
  ['harm-or-disclosure', 'she says there is abuse going on at her mums'],
  // harm-or-disclosure #5: "(rough|violent|aggressive) ... with (him|her|...)"
  ['harm-or-disclosure', 'mum was really rough with him at contact today'],
  ['harm-or-disclosure', 'her dad got violent with her on the phone and in the car'],
  // harm-or-disclosure #6: "(trying|tried|threatening|...) to (take|snatch|...) (her|him|the kids|...)"
  ['harm-or-disclosure', 'birth dad is outside the house trying to take him'],
  ['harm-or-disclosure', 'her mum turned up at school and tried to snatch her'],
  // harm-or-disclosure #7: "threaten... (to) (kill|hurt|stab|take)"
  ['harm-or-disclosure', 'hes threatening to stab someone at school tomorrow'],
  ['harm-or-disclosure', 'birth mums partner threatened to kill me on facebook'],
  // harm-or-disclosure #8: "(knife|weapon|gun)"
  ['harm-or-disclosure', 'found a knife in his school bag'],
  // harm-or-disclosure #9: "(not safe|in danger|unsafe) (now|at home|tonight|...)"
  ['harm-or-disclosure', "She says she's not safe at home"],
  ['harm-or-disclosure', 'i think the baby is in danger right now'],

  // self-harm #0: "self ?harm..."
  ['self-harm', 'shes been self harming again'],
  ['self-harm', 'she has been sucidal all week'],
  ['self-harm', 'found out hes selfharming, what do i do'],
  ['self-harm', "he's self-harming again, found blood on his sheets"],
  // self-harm #1: "(cutting|cut|hurting|...) (herself|himself|...)"
  ['self-harm', "she's cut herself on her arms"],
  // self-harm #2: "(wants|tried|...) to (die|end it|kill herself|...)"
  ['self-harm', 'he keeps saying he wants to die'],
  ['self-harm', 'she tried to kill herself last night'],
  // self-harm #3: "suicid..."
  ['self-harm', "i'm worried he is suicidal"],
  ['self-harm', "she's talking about suicide"],
  // self-harm #4: "(razor|blade|ligature|noose)"
  ['self-harm', 'found razor blades hidden in her room'],
  // self-harm #5: "overdos..."
  ['self-harm', "i think he's taken an overdose"],
  // self-harm #6: "(taken|took|swallowed) ... (pills|tablets|paracetamol|...)"
  ['self-harm', 'she took a load of paracetamol about an hour ago'],
  ['self-harm', 'hes swallowed a handful of my tablets'],

  // medical #0: "(not|isnt|cant|difficulty|trouble|...) (breathing|breathe)"
  ['medical', 'the baby isnt breathing properly'],
  ['medical', 'hes struggling to breathe'],
  ['medical', 'he cant breath'],
  ['medical', 'shes breathing really fast and looks grey'],
  ['medical', 'i think hes having a siezure'],
  ['medical', 'hes fitting on the floor'],
  ['medical', 'she is having difficulty breathing'],
  // medical #1: "breathing (funny|weird|fast|...)"
  ['medical', 'babys breathing funny'],
  // medical #2: "(unconscious|unresponsive|floppy|fitting|seizure|choking|collapsed|anaphyla...)"
  ['medical', "he's having a seizure"],
  ['medical', 'she collapsed at school'],
  ['medical', 'shes choking on a grape'],
  // medical #3: "(wont|cant) wake (up|him|her)"
  ['medical', 'i cant wake her up'],
  // medical #4: "(turned|gone|...) blue"
  ['medical', 'his lips have gone blue'],
  // medical #5: "(bleeding|blood) (heavily|a lot|everywhere|wont stop)"
  ['medical', 'her nose is bleeding a lot and wont stop'],
  ['medical', 'theres blood everywhere'],
  // medical #6: "head injury|hit/banged (his|her) head"
  ['medical', 'he banged his head on the trampoline and keeps being sick'],
  // medical #7: "(swallowed|eaten|drunk|drank) (a|some) (battery|bleach|magnet|...)"
  ['medical', 'the toddler has swallowed a button battery'],
  ['medical', 'the baby drank some bleach from under the sink'],
  // medical #8: "(bad|serious|badly) (burn|burns|burned|burnt)"
  ['medical', "he's badly burnt his hand on the oven"],
  ['medical', 'she has a bad burn from the kettle'],
];

/** A carer saying an allegation or standards-of-care concern is about them or their household. */
const ALLEGATIONS: readonly string[] = [
  // #0: "allegation ... (against|about|made|...) ... (me|us|my|husband|...)"
  'school have put in an allegation against me',
  'ive been accused of hitting him',
  'the allegation is that i hit him',
  'im being investigated and dont know what to do',
  'we cant have children placed while the allegation is looked at',
  'theyve suspended me',
  'theres been an allegation about my husband',
  // #1: "(since|after|with|...) (the|this|an) allegation"
  'weve been really struggling since the allegation',
  'who can support me with the allegation',
  'LADO phoned me 2day about an allegation',
  // #2: "allegation (against|about) (me|us|my|our)"
  'the allegation against us is still open after 3 months',
  // #3: "lado ... (rang|called|investigating|letter|...)"
  'LADO rang my husband this morning',
  'the lado is investigating',
  'lado sent me a letter',
  // #4: "(rang|referred|contacted|...) ... lado"
  'my SSW has referred it to the LADO',
  'theyve contacted lado',
  'the school rang the lado about me',
  // #5: "standards of care ... (concern|about|...) ... (me|us|our|...)"
  'theres a standards of care concern about us',
  // #6: "(theres|raised|told me|...) ... standards of care"
  'they told me its going to be a standards of care',
  // #7: "(accused|accusing|...) ... (me|us|my|husband|...)"
  'shes accused my husband of hitting her',
  // #8: "(saying|said|claims|told school|...) (that) (i|we|my husband|...) ... (hit|hurt|grabbed|...)"
  'hes saying i hurt him',
  'she told school that my husband grabbed her arm',
  'he claims we hurt him',
  // #9: "(bruise|mark|...) ... (from|by|caused by) (me|us|my husband|...)"
  'nursery asked about marks on her arm and she told them they were caused by me',
  // #10: "investigat... (me|us|our household|my husband|...)"
  'social services are investigating us',
  'police want to investigate my husband',
  // #11: "(reported|reporting) (me|us|my husband|...)"
  'her mum has reported us to ofsted',
  // #12: "(suspended|suspension) ... (me|us|our|my) (approval|placement|registration)"
  'they have suspended our approval while its looked into',
];

/** A carer signalling, directly or not, that they may stop fostering. */
const RETENTION: readonly string[] = [
  // #0: "give up (on) fostering / being a foster carer"
  'we might just give up on fostering altogether',
  'we might need to stop for a bit after christmas',
  'how much notice do we need to give before we finish fostering',
  'how much notice would we need to give you',
  'ive had enough of it all',
  'nobody asked us what went wrong. done.',
  'done',
  'honestly feel like giving up being a foster carer',
  // #1: "(stop|quit|leave|come out of|...) fostering"
  'were going to come out of fostering at christmas',
  'my wife reckons we should stop fostering',
  // #2: "(thinking|considering|might|ready|want|...) (of|to) (give up|quit|resign|step down|walk away|deregister|...)"
  'thinking about handing in our notice',
  'considering stepping down after this placement ends',
  "I might deregister, it's all too much",
  'ready to walk away tbh',
  'we r thinking of packing it in',
  // #3: "resign..."
  "I'm resigning, the paperwork is already written",
  // #4: "hand(ed) in (my|our) notice"
  "we've handed in our notice",
  // #5: "(how much|what) notice"
  'how much notice would we need to give you',
  'what notice do we need to give if we stop',
  // #6: "(moving|switch|looking at|...) ... agency"
  'were thinking about moving to an agency',
  'a friend said i should switch to an IFA agency',
  // #7: "agency ... (offer|pay more|better money|...)"
  'the agencies pay loads more than you lot',
  // #8: "(last|final) (placement|child|one) ... (decided|then|we|...)"
  'the lad we have now will be our last one ever',
  "she'll be our final child then were done",
  // #9: "this will be (our|my) (last|final)"
  'this will be our last year',
  // #10: "burn(t|ed) out"
  "I'm completely burnt out",
  'feeling burned out and nobody listens',
  'im so burntout',
  // #11: "(cant|cannot) (do|manage|cope with) (this|it|fostering) anymore"
  "I can't do this anymore",
  // #12: "(cant|not sure we can|dont know if i can) (keep|carry) (going|on)"
  'not sure we can carry on',
  'dont know if i can keep going with no respite',
  // #13: "cant afford to (carry on|keep|continue|foster)"
  'honestly we cant afford to keep going on what you pay',
  // #14: "(might|wont) (manage|cope|last) (much) longer"
  'I wont last much longer at this rate',
  // #15: "done with (this|it|fostering|them)"
  "i'm done with fostering",
  'honestly done with it all',
  // #16: "done" at the end of the message
  "that's it, im done",
  // #17: "call(ing) it a day"
  'might be time to call it a day',
  // #18: "(had|have had) enough"
  "I've had enough of being ignored",
  // #19: "quit(ting)"
  "I'm going to quit",
  // #20: "take a break ... (instead of|rather than)"
  'could we take a break for a few months instead of stopping altogether',
];

describe('emergency rules: every pattern fires for a realistic message', () => {
  it.each(EMERGENCIES)('%s: %s', (category, text) => {
    const understanding = classifier.classify(text, 'carer');
    expect(understanding.action).toBe('emergency');
    expect(understanding.emergency?.category).toBe(category);
    expect(understanding.reason).toBe(`emergency.${category}`);
    expect(understanding.emergency?.advice).toBe(safetyRules.emergency.categories[category]?.advice);
  });

  it.each(ALL_PERSONAS)('applies to every persona, including %s', (persona) => {
    expect(classifier.classify('our foster daughter ran off after school and still isnt back yet', persona)).toMatchObject({
      action: 'emergency',
      emergency: { category: 'missing' },
    });
    expect(classifier.classify('a carer says the child in her care is self harming', persona)).toMatchObject({
      action: 'emergency',
      emergency: { category: 'self-harm' },
    });
  });
});

describe('allegation-support rules: every pattern fires for a carer', () => {
  it.each(ALLEGATIONS)('%s', (text) => {
    const understanding = classifier.classify(text, 'carer');
    expect(understanding.action).toBe('allegation-support');
    expect(understanding.topic).toBe('allegations');
    expect(understanding.reason).toBe('allegation-support');
    expect(understanding.emergency).toBeUndefined();
  });
});

describe('retention rules: every pattern fires for a carer', () => {
  it.each(RETENTION)('%s', (text) => {
    const understanding = classifier.classify(text, 'carer');
    expect(understanding.action).toBe('retention');
    expect(understanding.reason).toBe('retention');
  });
});

describe('hard negatives', () => {
  it.each([
    // missing: leaving care, money and paperwork
    'my foster son is leaving care',
    'she is leaving care next year, what support is there',
    'my payment is missing this month',
    'missing mileage form',
    'my fostering allowance has gone missing from my account',
    'we are missing out on the respite weekends',
    // harm: training, the past, compensation, driving
    'is there training on recognising abuse',
    'my lad was assaulted before he came into care, can he claim compensation',
    'he was abused years ago by his birth dad, how do I talk to him about it',
    'im not safe to drive after my op, can transport take him to school',
    // self-harm and medical: training and first aid
    'is there training on self harm',
    'can i book the self harm e-learning module',
    'first aid training for burns',
    'is there a first aid course for babies choking',
    // retention: other people resigning, giving up habits, children moving on, stopping payments
    'my SSW resigned',
    'I want to give up smoking',
    'he is moving out next month to live with his nan',
    'can I stop the payments going to my old bank',
    // allegation: general questions about the process
    'what happens if an allegation is made against a foster carer',
    'what happens when an allegation is made about a carers household',
    'how does the LADO get involved',
    'what is a standards of care concern',
    'who is the lado',
  ])('no safety signal for a carer: %s', (text) => {
    const understanding = classifier.classify(text, 'carer');
    expect(SAFETY_ACTIONS).not.toContain(understanding.action);
    expect(understanding.emergency).toBeUndefined();
  });

  it.each([['hes saying i hurt him'], ['the allegation says i hit him'], ['she says my husband hit her'], ['he claims we hurt him']])(
    'a child saying the carer hurt them is allegation support, not an emergency: %s',
    (text) => {
      // the harm pattern ("hurt him") matches the words, but the claim is about the carer
      const harm = safetyRules.emergency.categories['harm-or-disclosure'];
      expect(harm?.patterns.some((p) => new RegExp(p).test(normaliseForRules(text)))).toBe(true);
      const understanding = classifier.classify(text, 'carer');
      expect(understanding.action).toBe('allegation-support');
      expect(understanding.emergency).toBeUndefined();
    },
  );

  // known false alarms of the model (too few messages like them in the corpus): it may signpost 999 on these, but
  // they are never read as the carer leaving or facing an allegation
  it.each(['he missed contact with his dad', "his teacher resigned and he's upset"])('not retention or allegation support: %s', (text) => {
    expect(['retention', 'allegation-support']).not.toContain(classifier.classify(text, 'carer').action);
  });

  it('the negatives are not vacuous: some match a pattern and are saved only by an `unless`', () => {
    const retention = new RuleSet(safetyRules.retention.patterns);
    expect(retention.match(normaliseForRules('I want to give up smoking'))).toBeDefined();
    expect(retention.match(normaliseForRules('my SSW resigned'))).toBeDefined();
    const missing = new RuleSet(safetyRules.emergency.categories.missing?.patterns ?? []);
    expect(missing.match(normaliseForRules('my payment is missing this month'))).toBeDefined();
  });
});

describe('precedence: emergency > allegation-support > retention', () => {
  const retention = () => new RuleSet(safetyRules.retention.patterns, safetyRules.retention.unless);
  const allegation = () => new RuleSet(safetyRules['allegation-support'].patterns, safetyRules['allegation-support'].unless);

  it.each([
    ['missing', 'hes run away again and honestly i cant do this anymore'],
    ['self-harm', 'shes been self harming all week and im burnt out, i cant keep going'],
  ] as const)('emergency wins over retention (%s): %s', (category, text) => {
    expect(retention().match(normaliseForRules(text))).toBeDefined();
    expect(classifier.classify(text, 'carer')).toMatchObject({ action: 'emergency', emergency: { category } });
  });

  it('emergency wins over allegation-support', () => {
    const text = 'LADO rang me this morning and now my foster son has gone missing';
    expect(allegation().match(normaliseForRules(text))).toBeDefined();
    expect(classifier.classify(text, 'carer')).toMatchObject({ action: 'emergency', emergency: { category: 'missing' } });
  });

  it.each(['since the allegation ive been thinking of giving up fostering', 'the LADO rang me and we want to resign'])(
    'allegation-support wins over retention: %s',
    (text) => {
      expect(retention().match(normaliseForRules(text))).toBeDefined();
      expect(allegation().match(normaliseForRules(text))).toBeDefined();
      expect(classifier.classify(text, 'carer').action).toBe('allegation-support');
    },
  );
});

describe('persona scoping: allegation and retention rules are for carers only', () => {
  const retentionSignals = ['thinking of giving up on our application', "I've had enough of this", 'im completely burnt out'];
  const allegationSignals = ['LADO rang my husband this morning', 'social services are investigating us', 'school have put in an allegation against me'];

  it.each(retentionSignals)('a carer saying "%s" is a retention signal', (text) => {
    expect(classifier.classify(text, 'carer').action).toBe('retention');
  });

  it.each(NON_CARERS.flatMap((persona) => retentionSignals.map((text) => [persona, text] as const)))('not retention for %s: %s', (persona, text) => {
    const understanding = classifier.classify(text, persona);
    expect(understanding.action).not.toBe('retention');
    expect(understanding.action).not.toBe('emergency');
  });

  it.each(allegationSignals)('a carer saying "%s" gets allegation support', (text) => {
    expect(classifier.classify(text, 'carer').action).toBe('allegation-support');
  });

  it.each(NON_CARERS.flatMap((persona) => allegationSignals.map((text) => [persona, text] as const)))('not allegation-support for %s: %s', (persona, text) => {
    const understanding = classifier.classify(text, persona);
    expect(understanding.action).not.toBe('allegation-support');
    expect(understanding.action).not.toBe('emergency');
  });
});

describe('coverage: every pattern in safety-rules.yaml has a message above that matches it', () => {
  const unmatched = (patterns: readonly string[], messages: readonly string[]) =>
    patterns.filter((pattern) => !messages.some((text) => new RegExp(pattern).test(normaliseForRules(text))));

  it('has exactly the emergency categories tested here, in precedence order', () => {
    expect(Object.keys(safetyRules.emergency.categories)).toEqual(['missing', 'harm-or-disclosure', 'self-harm', 'medical']);
  });

  it.each(['missing', 'harm-or-disclosure', 'self-harm', 'medical'] as const)('emergency.%s', (category) => {
    const patterns = safetyRules.emergency.categories[category]?.patterns ?? [];
    expect(patterns.length).toBeGreaterThan(0);
    const messages = EMERGENCIES.filter(([c]) => c === category).map(([, text]) => text);
    expect(unmatched(patterns, messages)).toEqual([]);
  });

  it('allegation-support', () => {
    expect(unmatched(safetyRules['allegation-support'].patterns, ALLEGATIONS)).toEqual([]);
  });

  it('retention', () => {
    expect(unmatched(safetyRules.retention.patterns, RETENTION)).toEqual([]);
  });
});

describe('everyday carer messages that must not raise a safety signal (reviewed false positives)', () => {
  it.each([
    "my SSW hasn't got back to me about the respite",
    'he hasnt been back to school since the exclusion',
    'he wont use a knife and fork at dinner',
    'is he allowed a toy gun for christmas',
    'i feel unsafe driving in the snow',
    'she was hit by a ball in PE',
    'my husband was hurt at work',
    'he hurt himself playing football',
    'she took her tablets this morning, can i claim for the prescription',
    'she wants to die her hair pink',
    'who pays for fitting a stair gate',
    'how do i get my DBS renewal done',
    'has she had enough sleep',
    'i need to stop him gaming all night',
    'i want to stop the reminder emails',
    'how much notice do I need to give school for a holiday',
    'my foster son wants to quit football',
  ])('%s', (text) => {
    expect(SAFETY_ACTIONS).not.toContain(classifier.classify(text, 'carer').action);
  });

  // retention weighed and declined: the answer's confidence is judged among what is left, not turned into a fallback
  // (without that, this one is a low-confidence fallback)
  it("answered, though it sounds like leaving: my SSW hasn't got back to me about the respite", () => {
    expect(classifier.classify("my SSW hasn't got back to me about the respite", 'carer').action).toBe('answer');
  });

  it.each([
    ['shes been cutting herself since she dropped out of her college course', 'emergency'],
    ['she told me her stepdad hit her after her swimming session', 'emergency'],
    ['he hit her in front of me two months ago and again last night', 'emergency'],
    ["since she left we've been thinking about giving up fostering", 'retention'],
  ])('still fires when an exclusion word appears incidentally: %s', (text, action) => {
    expect(classifier.classify(text, 'carer').action).toBe(action);
  });
});
