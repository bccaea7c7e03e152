import porter2 from 'wink-porter2-stemmer';
import { boundedMemo } from './bounded-memo';

/** The Porter2 stem of a lower-case word, remembered: the same few thousand words come up in every message. */
export const stem: (word: string) => string = boundedMemo(porter2);
