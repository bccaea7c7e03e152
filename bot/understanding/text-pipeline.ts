import { stem } from './stem';
import type { Vocabulary } from './rules';
import { normaliseForRules } from './normalise';

// common English words that carry no meaning for matching guidance
const STOPWORDS = new Set(
  `a about after again all am an and any anyone anything are as at be been before being but by can could did do does doing
  dont down for from get got had has have having he her here hers him his how i id if im in into is it its ive just
  let lets me might more most much my need no not now of off on once only or other our out over please pls really
  right so some still such than that thats the their them then there theres these they this those through to too
  u up us very want was we well were what whats when whens where which while who whos why will with would you your
  yours yes ok okay hi hello thanks thank tbh lol x xx hey also ever even like know tell stuff things thing`
    .split(/\s+/)
    .filter((w) => w.length > 0),
);

export interface AnalysedText {
  /** Every word after vocabulary, stopwords kept. */
  readonly all: readonly string[];
  /** The same without stopwords. */
  readonly content: readonly string[];
  /** The content words stemmed, each once: the search terms. */
  readonly terms: readonly string[];
}

/** Turns text into search terms: vocabulary applied (abbreviations expanded, typos mapped), stopwords out, stemmed. */
export class TextPipeline {
  private readonly canonical = new Map<string, string>();

  constructor(private readonly vocabulary: Vocabulary) {
    for (const [word, variants] of Object.entries(vocabulary.synonyms)) {
      for (const variant of variants) {
        if (!variant.includes(' ')) this.canonical.set(variant, word);
      }
    }
  }

  /** Words after vocabulary, before stemming: used to judge how much a short message really says. */
  words(text: string): string[] {
    return this.contentOf(this.allWords(text));
  }

  /** A text's words in each of the forms the model reads, from one pass over it. */
  analyse(text: string): AnalysedText {
    const all = this.allWords(text);
    const content = this.contentOf(all);
    return { all, content, terms: [...new Set(content.map((word) => stem(word)))] };
  }

  private contentOf(words: readonly string[]): string[] {
    return words.filter((word) => !STOPWORDS.has(word) && (word.length > 1 || /\d/.test(word)));
  }

  /** Every word after vocabulary (abbreviations expanded, typos mapped), stopwords kept: the model's view of the text. */
  allWords(text: string): string[] {
    const out: string[] = [];
    for (const token of normaliseForRules(text).split(' ')) {
      if (token.length === 0) continue;
      const expansion = this.vocabulary.abbreviations[token];
      const replaced = expansion === undefined ? [token] : [token, ...expansion.split(' ')];
      for (const word of replaced) {
        const canonical = this.canonical.get(word);
        out.push(word);
        if (canonical !== undefined && canonical !== word) out.push(canonical);
      }
    }
    return out;
  }

  /** How many distinct words the person actually typed (stopwords aside): "school stuff" is 1, "passport" 1. */
  contentWordCount(text: string): number {
    return new Set(
      normaliseForRules(text)
        .split(' ')
        .filter((w) => w.length > 1 && !STOPWORDS.has(w)),
    ).size;
  }

  terms(text: string): readonly string[] {
    return this.analyse(text).terms;
  }
}
