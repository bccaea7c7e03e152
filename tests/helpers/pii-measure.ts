import { readFileSync } from 'node:fs';

/** One labelled line: the text and the exact substrings that must not survive masking. */
export interface PiiExample {
  readonly text: string;
  readonly pii: readonly string[];
}

export interface MaskingFigures {
  readonly lines: number;
  readonly items: number;
  readonly caught: number;
  /** Fraction of pii items none of whose alphanumeric text survives (a leading title word is ignored). */
  readonly recall: number;
  readonly cleanLines: number;
  readonly overMasked: number;
  /** Fraction of lines without pii whose words the masker changed. */
  readonly overMasking: number;
  /** What leaked, for the failure message: the item and its line index (never logged outside tests). */
  readonly leaks: readonly { readonly line: number; readonly item: string }[];
  readonly overMaskedLines: readonly number[];
}

const TITLE = /^(?:mr|mrs|ms|miss|mx|dr|prof|sir|dame|rev)\.?\s+/i;
const words = (text: string): string[] => text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
const count = (haystack: string[], word: string): number => haystack.filter((w) => w === word).length;

export function readPiiFile(file: string): PiiExample[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as PiiExample);
}

/**
 * An item leaked if any of its words appears in the output more often than in the rest of the input (the text with
 * every pii item cut out), so a word that also occurs in ordinary text elsewhere is not mistaken for a leak.
 */
function itemLeaked(example: PiiExample, item: string, output: string[]): boolean {
  const rest = words(example.pii.reduce((text, p) => text.split(p).join(' '), example.text));
  return words(item.replace(TITLE, '')).some((word) => count(output, word) > count(rest, word));
}

export function measureMasking(examples: readonly PiiExample[], mask: (text: string) => string): MaskingFigures {
  const leaks: { line: number; item: string }[] = [];
  const overMaskedLines: number[] = [];
  let items = 0;
  let cleanLines = 0;
  examples.forEach((example, line) => {
    const output = mask(example.text);
    if (example.pii.length === 0) {
      cleanLines += 1;
      if (words(output).join(' ') !== words(example.text).join(' ')) overMaskedLines.push(line);
      return;
    }
    const outputWords = words(output);
    for (const item of example.pii) {
      items += 1;
      if (itemLeaked(example, item, outputWords)) leaks.push({ line, item });
    }
  });
  const caught = items - leaks.length;
  return {
    lines: examples.length,
    items,
    caught,
    recall: items === 0 ? 1 : caught / items,
    cleanLines,
    overMasked: overMaskedLines.length,
    overMasking: cleanLines === 0 ? 0 : overMaskedLines.length / cleanLines,
    leaks,
    overMaskedLines,
  };
}
