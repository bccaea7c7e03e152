import { ChoicePrompt, ListStyle } from 'botbuilder-dialogs';

/** Choices as tappable buttons on every channel (Web Chat would otherwise get a numbered list for long titles). */
export function buttonsPrompt(id: string): ChoicePrompt {
  const prompt = new ChoicePrompt(id);
  prompt.style = ListStyle.heroCard;
  return prompt;
}
