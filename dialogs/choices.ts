import { ChoicePrompt, ListStyle, type Choice, type FoundChoice } from 'botbuilder-dialogs';

/** Choices as tappable buttons on every channel (Web Chat would otherwise get a numbered list for long titles). */
export function buttonsPrompt(id: string): ChoicePrompt {
  const prompt = new ChoicePrompt(id);
  prompt.style = ListStyle.heroCard;
  return prompt;
}

/** Buttons for a key → title table; the key also works typed (e.g. "this-week"). */
export function choicesOf(entries: Record<string, string>): Choice[] {
  return Object.entries(entries).map(([key, title]) => ({ value: title, action: { type: 'imBack', title, value: title }, synonyms: [key] }));
}

/** The key of the chosen title. A prompt only returns titles it offered; the last key is the catch-all regardless. */
export function choiceKey<K extends string>(entries: Record<K, string>, found: FoundChoice): K {
  const keys = Object.keys(entries) as K[];
  return keys.find((key) => entries[key] === found.value) ?? (keys.at(-1) as K);
}
