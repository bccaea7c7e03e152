import { COMMON_WORDS } from './common-words';

/**
 * Street addresses ("14 Acacia Avenue", "Flat 3, 22 High St", "7b mill lane") and named houses ("Rose Cottage",
 * "The Old Forge"). The town after an address is kept: it is not personal on its own.
 */

const STREET_SUFFIX =
  'road|rd|street|st|avenue|ave|lane|ln|close|drive|dr|court|ct|crescent|cres|terrace|terr|place|pl|way|grove|gardens|gdns|' +
  'park|square|sq|hill|row|walk|mews|view|rise|green|parade|mount|vale|fields|meadow|meadows|croft|wharf|yard|boulevard|' +
  'approach|bank|gate|chase|hollow|brow|wynd|heights|side|end|wood|lea|glade|dale|garth|fold|crossing|circle|precinct';
const HOUSE_NUMBER = '\\d{1,4}[a-z]?(?:-\\d{1,4}[a-z]?)?';
const FLAT = '(?:flat|apartment|apt|unit)\\s+\\d{1,4}[a-z]?,?\\s+';
const WORD = "[A-Za-z][A-Za-z'’-]*";

const STREET_ADDRESS = new RegExp(
  `\\b(?:${FLAT}(?:${HOUSE_NUMBER},?\\s+)?|${HOUSE_NUMBER},?\\s+)((?:${WORD}\\s+){0,2}${WORD})\\s+(?:${STREET_SUFFIX})\\b\\.?`,
  'gi',
);

// "221 Kingsway", "4 Parkside": a number and one word that carries its street suffix.
const ONE_WORD_STREET = new RegExp(`\\b${HOUSE_NUMBER},?\\s+[A-Z][a-z]+(?:way|gate|side|field|fields|wood|croft|moor|ley|lea|bank|hill|dale)\\b`, 'g');

// Names a house but hardly ever a public building.
const HOUSE_SUFFIX = 'Cottage|Cottages|Farm|Farmhouse|Lodge|Barn|Forge|Manor|Grange|Rectory|Vicarage|Oast|Bungalow|Villa|Nook';
// Names a house after "we live at", "our house is": elsewhere these are often offices, halls and venues.
const HOUSE_SUFFIX_AFTER_CUE = `${HOUSE_SUFFIX}|House|Hall|Mill|Croft|Cottage|Place|View|Court|Barns`;
const CAPITALISED = "[A-Z][A-Za-z'’-]*";
// Matched case-sensitively, so the cue's first letter may be either case ("Our house is", "we live at").
const RESIDENCE_CUE =
  '\\b(?:[Ll]ive|[Ll]ives|[Ll]iving|[Ss]tay|[Ss]taying|[Mm]oved|[Mm]oving|[Mm]ove)\\s+(?:at|to|from|in)|\\b(?:[Aa]ddress|[Hh]ouse|[Hh]ome)\\s+(?:is|was)\\s*:?|\\b[Aa]ddress:';

// With a number in front, "House" and "Court" name a block of flats: "4 Beacon House", "12 Kestrel Court".
const NUMBERED_BUILDING = new RegExp(
  `\\b(?:(?:[Ff]lat|[Aa]partment|[Uu]nit)\\s+)?${HOUSE_NUMBER},?\\s+(?:${CAPITALISED}\\s+){1,2}(?:House|Court|Tower|Towers|Mansions|Buildings|Heights|Point|Hall|Mill|Lodge|Place)\\b`,
  'g',
);

// Welsh street names lead with the street word: "8 Heol y Felin", "5 Pen-y-Bryn", "22 Ffordd Las".
const WELSH_STREET = new RegExp(
  `\\b${HOUSE_NUMBER},?\\s+(?:Heol|Ffordd|Stryd|L[oô]n|Maes|Llys|Cae|Bryn|Pen|Tan|T[yŷ]|Nant|Coed|Cwrt|Rhodfa|Cilgant|Bro|Clos)(?:[-\\s](?:y|yr|['’]r)?[-\\s]?\\p{Lu}[\\p{L}]+|[-\\s]\\p{Lu}[\\p{L}]+)+`,
  'gu',
);
// "3 The Paddocks": a number, "The" and a capitalised word that is not an ordinary one.
const NUMBER_THE_NAME = new RegExp(`\\b${HOUSE_NUMBER},?\\s+The\\s+(${CAPITALISED})`, 'g');
// The street after a masked house name: "[address], Mill Lane".
const STREET_AFTER_ADDRESS = new RegExp(`\\[address\\],?\\s+(?:${CAPITALISED}\\s+){1,2}(?:${STREET_SUFFIX})\\b\\.?`, 'gi');

const NAMED_HOUSE = new RegExp(`\\b(?:${HOUSE_NUMBER},?\\s+)?(?:The\\s+)?(?:${CAPITALISED}\\s+){0,2}(?:${HOUSE_SUFFIX})\\b`, 'g');
const NAMED_HOUSE_AFTER_CUE = new RegExp(`(${RESIDENCE_CUE})\\s+(?:The\\s+)?(?:${CAPITALISED}\\s+){0,2}(?:${HOUSE_SUFFIX_AFTER_CUE})\\b`, 'g');

/** The words between the number and "Road" must look like a street name, not "3 kids at the park". */
const looksLikeStreetName = (words: string): boolean =>
  words
    .split(/\s+/)
    .filter((w, i) => i > 0 || w.toLowerCase() !== 'the') // "5 The Green"
    .every((w) => !COMMON_WORDS.has(w.toLowerCase()));

export function maskAddresses(text: string): string {
  return text
    .replace(STREET_ADDRESS, (address: string, streetWords: string) => (looksLikeStreetName(streetWords) ? '[address]' : address))
    .replace(ONE_WORD_STREET, '[address]')
    .replace(NUMBERED_BUILDING, '[address]')
    .replace(NAMED_HOUSE_AFTER_CUE, (_whole, cue: string) => `${cue} [address]`)
    .replace(NAMED_HOUSE, '[address]')
    .replace(WELSH_STREET, '[address]')
    .replace(NUMBER_THE_NAME, (whole: string, word: string) => (COMMON_WORDS.has(word.toLowerCase()) ? whole : '[address]'))
    .replace(STREET_AFTER_ADDRESS, '[address]');
}
