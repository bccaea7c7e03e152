/** Words around a token that say "a person's name stands here". Each pattern is tested on the text just before it. */

const TITLE_WORDS = ['mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'prof', 'sir', 'dame', 'lady', 'lord', 'rev', 'revd'];
const TITLE = `(?:${TITLE_WORDS.join('|')})`;
/** A title is never itself taken for a name: "her carer Mrs Baptiste" keeps "Mrs". */
export const TITLES: ReadonlySet<string> = new Set(TITLE_WORDS);

/** "Mrs ", "Dr. ", "mr and mrs " */
export const AFTER_TITLE = new RegExp(`\\b(${TITLE})\\.?\\s+(?:(?:and|&)\\s+${TITLE}\\.?\\s+)?$`, 'i');
/** "miss" and "dr" are ordinary words in lower case ("I miss home"): after them only a capitalised word is a name. */
export const AMBIGUOUS_TITLE = /^(?:miss|dr)$/;

const RELATION =
  'son|daughter|child|children|kid|kids|boy|girl|baby|lad|placement|yp|young person|little one|husband|wife|partner|' +
  'fiance|fiancee|boyfriend|girlfriend|brother|sister|siblings?|twin|mum|mom|mam|mummy|mother|dad|daddy|father|' +
  'step-?mum|step-?dad|parents?|nan|nana|nanna|nanny|gran|granny|grandma|grandmother|grandad|granddad|grandpa|' +
  'grandfather|aunt|auntie|aunty|uncle|cousin|niece|nephew|friend|mate|neighbour|teacher|headteacher|head|senco|tutor|' +
  'social worker|sw|ssw|fsw|iro|reviewing officer|key ?worker|support worker|worker|manager|carer|gp|doctor|dentist|' +
  'nurse|therapist|counsellor|solicitor|guardian|babysitter|childminder|mentor|supervisor|colleague|landlord|contact';

/**
 * "my foster son ", "her mum ", "his new social worker, ", "marcus's birth mum ", "my foster son is called ".
 * Group 1 is set when "is"/"was" stands between: then only a capitalised word is a name ("her dad is back").
 */
export const AFTER_RELATION = new RegExp(
  `\\b(?:my|his|her|their|our|your|the|a|an|[\\p{L}]+['’]s)\\s+(?:[\\p{L}-]+\\s+){0,2}?(?:${RELATION})\\s*,?\\s*` +
    `(?:(is|was|are|were|who is|whose name is)\\s+|(?:is\\s+)?(?:called|named)\\s+|(?:['’]s\\s+)?name\\s+is\\s+)?$`,
  'iu',
);

/** "with grandma Eunice", "Auntie Bev": family words stand before a name even without "my" or "her". */
export const AFTER_KIN_WORD =
  /\b(?:mum|mam|mom|dad|nan|nana|nanna|nanny|gran|granny|grandma|grandad|granddad|grandpa|aunt|auntie|aunty|uncle|cousin|brother|sister|(?:mother|father|sister|brother|son|daughter)-in-law|sw|ssw|fsw|iro|social worker|teacher|senco|nurse|key ?worker)\s+$/i;

/** "my name is ", "called ", "named ", "name ": lower-case names are taken after these. */
export const AFTER_NAME_WORD =
  /\b(?:my name is|name is|name['’]?s|names are|name:?|called|named|known as|(?:calls?|calling|called|call) (?:him|her|them)(?: by)?|real name(?: is)?)\s+$/i;

/** "the course called Managing Behaviour", "a group named Little Stars": after these a naming word names a thing. */
export const THING_BEFORE_NAME_WORD =
  /\b(?:course|session|training|programme|program|module|group|club|book|app|website|film|game|show|scheme|policy|form|leaflet|workshop|team|service|charity|company|place|shop|restaurant|pub|cafe)\s+(?:is\s+|was\s+)?(?:called|named)\s+$/i;

/** "change her surname to ours, ": a capitalised word soon after "surname" is one. */
export const AFTER_SURNAME_WORD = /\b(?:surname|last name|family name)\b[^.?!]{0,24}?[\s,:]\s*$/i;

/** "born [dob], " and "[dob] - ": the child the date belongs to is named next. */
export const AFTER_BIRTH_DATE = /\[dob\]\)?\s*[,-]?\s*$/;

/** "the Max Card", "a Grace period": after an article a word that is also a name is an ordinary word. */
export const AFTER_ARTICLE = /\b(?:the|a|an|this|that|any|every|each|some)\s+$/i;

/** "I'm ", "this is ", "hi ": only a known first name or a capitalised word ("I'm tired" is not a name). */
export const AFTER_SELF_INTRODUCTION =
  /(?:\b(?:i am|i['’]?m|this is)|^\s*(?:hi|hello|hiya|hey|dear|morning|afternoon)\s*,?(?:\s+(?:there|all))?(?:\s*,?\s*it['’]?s)?)\s+$/i;

/** A capitalised word before "(DOB", ", born", or a masked date of birth is the child's name. */
export const BEFORE_BIRTH_DATE = /^(?:['’]s)?\s*[,(]?\s*(?:\(?\s*d\.?o\.?b\b|born\b|birthday\b|b['’]?day\b|\[dob\])/i;

/** "Aoibheann, 7, and …": a capitalised word followed by an age. */
export const BEFORE_AGE = /^\s*(?:,\s*\d{1,2}\s*(?:,|\band\b|$)|\s*\(\d{1,2}\))/i;

/** "river (hes 12)", "rocky (real name …)", "princess (yes that's her real name)": a bracket about the person. */
export const BEFORE_PERSON_ASIDE =
  /^\s*\((?:\s*\d{1,2}\s*(?:yrs?|years?(?: old)?)?\s*\)|[^)]{0,40}?\b(?:real name|he['’]?s \d{1,2}|she['’]?s \d{1,2}|hes \d{1,2}|shes \d{1,2}|they['’]?re \d{1,2}|aged? \d{1,2}|\d{1,2} ?(?:yrs?|years? old))\b|\s*(?:the\s+|my\s+|our\s+)?(?:twins?|siblings?|foster (?:son|daughter|child)|birth (?:mum|dad|mother|father))\b)/i;
/** "princess (yes that's her real name)": the bracket says the word before it is a name, whatever the word. */
export const BEFORE_REAL_NAME_ASIDE = /^\s*\([^)]{0,40}\breal name\b/i;

/** "adopt Tayo", "babysit Grace": verbs whose object is a child. */
export const AFTER_CHILD_VERB = /\b(?:adopt|adopting|adopted|babysit|babysitting|look(?:ing|ed)? after|pick(?:ing)? up|collect|collecting)\s+$/i;

/** "phone Dev on …", "ask Mrs …", "text Amara": verbs whose object is a person (taken capitalised only). */
export const AFTER_CONTACT_VERB =
  /\b(?:phone|phoned|ring|rang|call|called|text|texted|message|messaged|email|emailed|ask|asked|tell|told|thank|thanked|meet|met)\s+$/i;

/** "can pearl go to …", "could Kai stay …": a modal, then a word, then what a person would do. */
export const AFTER_MODAL = /\b(?:can|could|may|should|would|will|does|did|must|if|when|unless|until|whether|once)\s+$/i;
export const BEFORE_PERSON_ACTION =
  /^\s+(?:go|goes|come|comes|stay|stays|sleep|moves|turns|leaves|attend|visit|see|have|get|keep|start|join|travel|take|bring|play|swim|ride|use|wear|change|move|call|ring|text|meet|spend|be (?:allowed|told|moved|picked))\b/i;

/** "the Fairbrother family", "the Nowak twins": a surname between "the" and a family word ("Muslim children" is not). */
export const AFTER_THE = /\bthe\s+$/i;
export const BEFORE_FAMILY_WORD = /^\s+(?:family|household|twins)\b/i;

/** "Oliver here." */
export const BEFORE_HERE = /^\s+here\b/i;

/** What only a person does, even with a lower-case name: "gracie keeps crying", "Freya is 8", "Amira was born". */
const PERSONAL_VERB =
  "(?:has|had|is having|was having) (?:a|an|another) (?:seizure|fit|tantrum|meltdown|nightmare|panic attack|asthma attack|nosebleed|fall|accident|fight|bad day|sleepover)|was born|has been (?:\\w+ )?\\w+ing|is refusing|ran off|runs off|went missing|has gone missing|absconded|is \\d|is aged|turned \\d|turns \\d|keeps|refuses|refused|cries|cried|misses|missed (?:her|his)|hits?|won['’]?t|wont|doesn['’]?t want|didn['’]?t want|came into care|came to us|moved in|arrived|ran away|runs away|gets upset|is asking|wants to see|told me|tells me|swore|was excluded";
export const BEFORE_PERSONAL_VERB = new RegExp(`^(?:['’]s)?\\s+(?:${PERSONAL_VERB})\\b`, 'i');
/** After a word that is also a name at the start of a sentence: "Blessing has asthma", "Will is 14" (not "Will it …"). */
export const BEFORE_SUBJECT_VERB =
  /^(?:['’]s)?\s+(?:has|had|does|did|goes|went|gets|got|can['’]?t|cannot|won['’]?t|wont|will|would|keeps|wants|needs|says|said|likes|loves|hates|lives|and [A-Z])\b/;

/** What a person usually does: taken with a capitalised word only ("Ofsted says" is not a person, but rarely said). */
export const BEFORE_PERSON_VERB = new RegExp(
  `^(?:['’]s)?\\s+(?:${PERSONAL_VERB}|is \\w+ing\\b|has (?:started|stopped|begun|gone|got|asked|said|told|been|had|refused|run|come)|wants|told|tells|says|said|is getting|is being|has been|hasn['’]?t|isn['’]?t|needs|likes|loves|hates|lives|started|starts|was placed|and (?:his|her|their) )`,
  'i',
);

/** A person's things: "Callum's dentist", "daisy's carer", "Mohammed's birthday". */
export const BEFORE_PERSON_POSSESSION = new RegExp(
  `^['’]s\\s+(?:(?:new|old|birth|foster|real|little|big|older|younger|best)\\s+)?(?:${RELATION}|birthday|dob|date of birth|nhs|health|appointment|allowance|school|nursery|bedroom|room|house|behaviour|contact|review|passport|health|medication|file|bike|phone)\\b`,
  'iu',
);

/** "St Mary's", "Queen Elizabeth Hospital": a saint or a royal names a school, a church or a hospital. */
export const AFTER_SAINT_OR_ROYAL = /\b(?:st|saint|holy|royal|queen|king|prince|princess|duke|duchess)\.?\s+$/i;

/** "Victoria Infirmary", "Trinity Church Hall", "Alder Hey Hospital": a word naming a place where people go. */
export const BEFORE_INSTITUTION =
  /^(?:\s+\p{Lu}[\p{L}'’-]*){0,2}\s+(?:Infirmary|Hospital|Church|Chapel|Cathedral|Mosque|Temple|Gurdwara|Synagogue|School|Academy|College|University|Nursery|Surgery|Clinic|Centre|Center|Library|Park|Stadium|Station|Hall|Forum|Leisure|Museum|Theatre)\b/u;

/** The single words of the relations: "supervisor" in "my contact supervisor" is not a name. */
export const RELATION_WORDS: ReadonlySet<string> = new Set(RELATION.split(/[|\s]/).map((w) => w.replace(/[^a-z]/g, '')));

/** "in Chester", "to Jersey or Chester": a name that is also a place is a place after these. */
const PLACE_PREPOSITION = 'in|at|to|from|near|around|towards|visit|visiting|via|into|outside|across|of'
  .split('|')
  .map((w) => `[${w.charAt(0)}${w.charAt(0).toUpperCase()}]${w.slice(1)}`) // either case first letter; the place itself is capitalised
  .join('|');
export const AFTER_PLACE_PREPOSITION = new RegExp(`\\b(?:${PLACE_PREPOSITION})\\s+(?:\\p{Lu}[\\p{L}'’-]*\\s*(?:,|and|or|&)\\s+)?$`, 'u');

export const CONJUNCTION_BETWEEN = /^\s*(?:,?\s*(?:and|&|or)|,)\s*$/i;

export const MONTHS_AND_DAYS = new Set(
  'january february march april may june july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday'.split(
    ' ',
  ),
);
