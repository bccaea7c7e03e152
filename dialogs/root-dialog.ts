import { ComponentDialog, WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { TurnFacts } from '../bot/turn-facts';
import { DialogId } from './dialog-ids';

const STEPS = 'root.steps';

export interface RootDialogDeps {
  /** Who is typing, worked out once per turn by the bot from server-side facts. */
  readonly factsOf: (step: WaterfallStepContext) => TurnFacts;
}

/** Routes each message. Until understanding lands (issue 3) it says what the assistant can do for this persona. */
export class RootDialog extends ComponentDialog {
  constructor(private readonly deps: RootDialogDeps) {
    super(DialogId.root);
    this.addDialog(new WaterfallDialog(STEPS, [this.reply.bind(this)]));
    this.initialDialogId = STEPS;
  }

  private async reply(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const facts = this.deps.factsOf(step);
    await step.context.sendActivity(`I'm here and listening (${facts.persona}). Ask me about fostering and I'll do my best to help.`);
    return step.endDialog();
  }
}
