import { COMMON_WORDS, ORGANISATIONS } from './common-words';
import { FIRST_NAMES, PLACE_NAMES, WORD_NAMES } from './first-names';
import {
  AFTER_NAME_WORD,
  AFTER_PLACE_PREPOSITION,
  AFTER_RELATION,
  AFTER_SELF_INTRODUCTION,
  AFTER_ARTICLE,
  AFTER_BIRTH_DATE,
  AFTER_CHILD_VERB,
  AFTER_CONTACT_VERB,
  AFTER_MODAL,
  AFTER_THE,
  BEFORE_INSTITUTION,
  BEFORE_PERSON_ASIDE,
  BEFORE_REAL_NAME_ASIDE,
  THING_BEFORE_NAME_WORD,
  BEFORE_FAMILY_WORD,
  BEFORE_PERSON_ACTION,
  AFTER_KIN_WORD,
  AFTER_SURNAME_WORD,
  AFTER_TITLE,
  AMBIGUOUS_TITLE,
  BEFORE_AGE,
  BEFORE_BIRTH_DATE,
  BEFORE_HERE,
  BEFORE_PERSON_POSSESSION,
  BEFORE_PERSON_VERB,
  BEFORE_PERSONAL_VERB,
  BEFORE_SUBJECT_VERB,
  CONJUNCTION_BETWEEN,
  AFTER_SAINT_OR_ROYAL,
  MONTHS_AND_DAYS,
  RELATION_WORDS,
  TITLES,
} from './name-cues';

/**
 * People's names. A word is a name when a cue says so (a title, "my foster son", "called", "I'm"), when it is a known
 * first name, or when it does what only a person does ("Amira was born"). A name then pulls in its surname, a name
 * joined to it by "and", and every other mention of the same word.
 */

const MONTHS_THAT_ARE_NAMES = new Set(['april', 'may', 'june', 'july', 'august']);

interface Token {
  readonly start: number;
  /** The word without a possessive "'s": "Kwame's" → "Kwame". */
  readonly core: string;
  readonly lower: string;
  /** First part of a hyphenated word, the part a first-name list knows: "ellie-may" → "ellie". */
  readonly head: string;
  readonly possessive: boolean;
}

const WORD = /\p{L}[\p{L}'’-]*/gu;
const PLACEHOLDER = /\[[^\]]*\]/g;

function tokenise(text: string): Token[] {
  const placeholders = [...text.matchAll(PLACEHOLDER)].map((m) => [m.index, m.index + m[0].length] as const);
  const inPlaceholder = (at: number) => placeholders.some(([from, to]) => at > from && at < to);
  return [...text.matchAll(WORD)]
    .filter((m) => !inPlaceholder(m.index))
    .map((m) => {
      const core = m[0].replace(/['’]s?$|-+$/, '');
      const lower = core.toLowerCase();
      return { start: m.index, core, lower, head: lower.split('-')[0] ?? lower, possessive: core.length < m[0].length };
    })
    .filter((t) => t.core.length > 0);
}

const isAcronym = (t: Token) => t.core.length >= 2 && t.core === t.core.toUpperCase();
const isWordName = (t: Token) => WORD_NAMES.has(t.lower) || WORD_NAMES.has(t.head);
const isCapitalised = (t: Token) => /^\p{Lu}/u.test(t.core);
/** An ordinary word; a capitalised word that is also a name ("Will", "Grace") is not ordinary where a name may stand. */
const isCommon = (t: Token) =>
  MONTHS_AND_DAYS.has(t.lower) ||
  TITLES.has(t.lower) ||
  RELATION_WORDS.has(t.lower) ||
  ORGANISATIONS.has(t.lower) ||
  ORGANISATIONS.has(t.head) ||
  (COMMON_WORDS.has(t.lower) && !(isCapitalised(t) && isWordName(t)));
const isKnownFirstName = (t: Token) => FIRST_NAMES.has(t.lower) || FIRST_NAMES.has(t.head);
const isPlaceName = (t: Token) => PLACE_NAMES.has(t.lower);
const isAnyName = (t: Token) => isKnownFirstName(t) || isWordName(t) || isPlaceName(t);
/** An unknown lower-case word that could be a name: not a verb or adverb form ("keeps", "asked", "really"). */
const couldBeLowerCaseName = (t: Token) => /^[a-z][a-z'’-]{2,}$/.test(t.core) && !/(?:ing|ed|ly|s)$/.test(t.core) && !isCommon(t);

const startsSentence = (text: string, t: Token) => /(?:^|[.!?\n:]\s*|^\s*)$/.test(text.slice(0, t.start));

/** A word where a cue says a name stands: any capitalised word that is not an ordinary one; a lower-case one too if allowed. */
function fitsNameSlot(t: Token, lowerCaseAllowed: boolean): boolean {
  if (isCommon(t) || isAcronym(t)) return false;
  return isCapitalised(t) || isAnyName(t) || (lowerCaseAllowed && couldBeLowerCaseName(t));
}

function isNameByCue(text: string, t: Token): boolean {
  const before = text.slice(0, t.start);
  const title = AFTER_TITLE.exec(before);
  if (title) {
    const ambiguous = AMBIGUOUS_TITLE.test(title[1] ?? '');
    return ambiguous ? isCapitalised(t) && fitsNameSlot(t, false) : fitsNameSlot(t, true);
  }
  const relation = AFTER_RELATION.exec(before);
  if (relation) return relation[1] ? isCapitalised(t) && fitsNameSlot(t, false) : fitsNameSlot(t, true);
  // "called JJ": after a naming word even initials are a name
  if (THING_BEFORE_NAME_WORD.test(before)) return false;
  if (AFTER_NAME_WORD.test(before)) return fitsNameSlot(t, true) || (isAcronym(t) && t.core.length <= 3);
  if (AFTER_SELF_INTRODUCTION.test(before)) return !isCommon(t) && !isAcronym(t) && (isCapitalised(t) || isKnownFirstName(t));
  const capitalisedOnlyCue = [AFTER_KIN_WORD, AFTER_SURNAME_WORD, AFTER_BIRTH_DATE, AFTER_CHILD_VERB, AFTER_CONTACT_VERB].some((cue) => cue.test(before));
  // "my mother-in-law June": after a kin word a month that is also a given name is the name
  if (capitalisedOnlyCue) return isCapitalised(t) && (fitsNameSlot(t, false) || MONTHS_THAT_ARE_NAMES.has(t.lower));
  // "can pearl go to her friend's": between a modal and a person's action, lower case too
  if (AFTER_MODAL.test(before) && BEFORE_PERSON_ACTION.test(text.slice(t.start + t.core.length))) return fitsNameSlot(t, true);
  return false;
}

function isNameByList(text: string, t: Token): boolean {
  const before = text.slice(0, t.start);
  if (isPlaceName(t)) return !AFTER_PLACE_PREPOSITION.test(before) && !AFTER_ARTICLE.test(before);
  if (isKnownFirstName(t)) return true;
  if (!isWordName(t) || isCommon(t) || AFTER_ARTICLE.test(before)) return false;
  const after = text.slice(t.start + t.core.length);
  if (!isCapitalised(t)) return startsSentence(text, t) && BEFORE_PERSONAL_VERB.test(after);
  // "Grace" mid-sentence is a name; "Will the allowance…" at the start is not, "Precious keeps asking" is.
  return !startsSentence(text, t) || t.possessive || BEFORE_SUBJECT_VERB.test(after) || BEFORE_PERSON_VERB.test(after);
}

function isNameByBehaviour(text: string, t: Token): boolean {
  const after = text.slice(t.start + t.core.length);
  // "princess (yes that's her real name) has…": even an ordinary word, when a bracket says it is someone's name
  if (startsSentence(text, t) && (BEFORE_REAL_NAME_ASIDE.test(after) || (isWordName(t) && BEFORE_PERSON_ASIDE.test(after)))) return true;
  if (isCommon(t) || isAcronym(t)) return false;
  if (BEFORE_PERSON_POSSESSION.test(after)) return isCapitalised(t) || couldBeLowerCaseName(t);
  const subjectPosition = startsSentence(text, t) || /(?:,|\band)\s*$/i.test(text.slice(0, t.start));
  // "river (hes 12) has been…", "skye 3/4/15", "lily-mae birthday …": a bracket about a person, or their birth date
  const aboutThePerson = BEFORE_PERSON_ASIDE.test(after) || BEFORE_BIRTH_DATE.test(after);
  if (!isCapitalised(t)) return subjectPosition && couldBeLowerCaseName(t) && (aboutThePerson || BEFORE_PERSONAL_VERB.test(after));
  if (BEFORE_PERSON_ASIDE.test(after)) return true;
  if (BEFORE_BIRTH_DATE.test(after) || BEFORE_HERE.test(after) || BEFORE_AGE.test(after)) return true;
  if (BEFORE_FAMILY_WORD.test(after) && AFTER_THE.test(text.slice(0, t.start))) return true;
  return subjectPosition && BEFORE_PERSON_VERB.test(after);
}

/** Surname after a first name: "Tyler Hughes", "sophie whitfield", "Ellie-May Hollis-Grant". */
function isSurnameOf(first: Token, next: Token, gap: string): boolean {
  if (first.possessive || !/^\s+$/.test(gap) || isCommon(next) || isAcronym(next)) return false;
  if (isCapitalised(next)) return true;
  return !isCapitalised(first) && (isAnyName(next) || couldBeLowerCaseName(next));
}

/** "Freya and Niamh", "hassan and ruby": a known name, or a capitalised word joined by "and", beside a name. */
function isJoinedName(other: Token, gap: string): boolean {
  if (!CONJUNCTION_BETWEEN.test(gap) || isCommon(other) || isAcronym(other)) return false;
  return isAnyName(other) || (isCapitalised(other) && /\b(?:and|&)\b/i.test(gap));
}

function findNames(text: string, tokens: readonly Token[]): boolean[] {
  // never a name: "St Mary's", and a name that is also a place after "in", "to": "to Jersey or Chester"
  const excluded = tokens.map((t) => {
    const before = text.slice(0, t.start);
    const after = text.slice(t.start + t.core.length);
    return AFTER_SAINT_OR_ROYAL.test(before) || BEFORE_INSTITUTION.test(after) || (isPlaceName(t) && AFTER_PLACE_PREPOSITION.test(before));
  });
  const named = tokens.map((t, i) => !excluded[i] && (isNameByCue(text, t) || isNameByList(text, t) || isNameByBehaviour(text, t)));
  const between = (a: Token, b: Token) => text.slice(a.start + a.core.length, b.start);
  // a name one word away, or two with "and"/"or" between: "Freya and Niamh"
  const nearbyNames = (i: number, step: 1 | -1) =>
    [tokens[i + step], tokens[i + 2 * step]].filter((other, k) => other !== undefined && named[i + step * (k + 1)]) as Token[];
  let changed = true;
  while (changed) {
    changed = false;
    const knownNames = new Set(tokens.filter((_, i) => named[i]).map((t) => t.lower));
    tokens.forEach((t, i) => {
      if (named[i] || excluded[i]) return;
      const previous = tokens[i - 1];
      const surname = previous !== undefined && named[i - 1] && isSurnameOf(previous, t, between(previous, t));
      const joined =
        nearbyNames(i, -1).some((other) => isJoinedName(t, between(other, t))) || nearbyNames(i, 1).some((other) => isJoinedName(t, between(t, other)));
      if (surname || joined || knownNames.has(t.lower)) {
        named[i] = true;
        changed = true;
      }
    });
  }
  return named;
}

/** Replaces each run of name words ("Tyler Hughes") with one "[name]", keeping a possessive "'s". */
export function maskNames(text: string): string {
  const tokens = tokenise(text);
  const named = findNames(text, tokens);
  let out = '';
  let cursor = 0;
  tokens.forEach((t, i) => {
    if (!named[i]) return;
    const end = t.start + t.core.length;
    const runContinues = i > 0 && named[i - 1] && /^\s+$/.test(text.slice(cursor, t.start)) && !tokens[i - 1]?.possessive;
    out += runContinues ? '' : `${text.slice(cursor, t.start)}[name]`;
    cursor = end;
  });
  return (out + text.slice(cursor)).replace(/\b(Mr|Mrs|Ms|Mx|Dr|Prof|Rev)\.\s+\[name\]/gi, '$1 [name]');
}
