import { WaterfallDialog, type DialogTurnResult, type FoundChoice, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { ServiceProfile } from '../../bot/content/service-profile';
import { messages } from '../../bot/messages';
import type { EnquiryDesk } from './enquiry-desk';

/**
 * "Please delete my details": the enquirer withdraws consent, confirms once, and every enquiry from this browser goes
 * (its session place freed, the recruitment channel's card replaced). Steps of the enquiry flow, begun in its place.
 */
export function forgetSteps(
  id: string,
  confirmPromptId: string,
  deps: { readonly desk: EnquiryDesk; readonly profile: ServiceProfile },
  enquirerKeyOf: (step: WaterfallStepContext) => string,
): WaterfallDialog {
  const copy = messages.enquiries;
  return new WaterfallDialog(id, [
    async (step: WaterfallStepContext): Promise<DialogTurnResult> => {
      const mine = await deps.desk.ofEnquirer(enquirerKeyOf(step));
      if (mine.length === 0) {
        await step.context.sendActivity({ type: 'message', text: copy.noneFound(deps.profile), textFormat: 'markdown' });
        return step.endDialog();
      }
      return step.prompt(confirmPromptId, { prompt: copy.askForget(mine.map((e) => e.data.reference).join(', ')), choices: [copy.forgetYes, copy.forgetNo] });
    },
    async (step: WaterfallStepContext): Promise<DialogTurnResult> => {
      if ((step.result as FoundChoice).value !== copy.forgetYes) {
        await step.context.sendActivity(copy.kept);
        return step.endDialog();
      }
      await deps.desk.forget(enquirerKeyOf(step));
      await step.context.sendActivity(copy.forgotten);
      return step.endDialog();
    },
  ]);
}
