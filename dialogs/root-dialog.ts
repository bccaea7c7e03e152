import { ComponentDialog, WaterfallDialog, type DialogContext, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { ServiceProfile } from '../bot/content/service-profile';
import type { Action } from '../bot/content/taxonomy';
import { messages } from '../bot/messages';
import { turnOf } from '../bot/turn/turn-context';
import { DialogId } from './dialog-ids';
import { routeServes, type Route } from './routes';
import { textOf } from '../bot/turn/activity-text';

const STEPS = 'root.steps';
const CANCEL_WORDS = new Set(['cancel', 'stop', 'quit', 'never mind', 'nevermind']);

/**
 * Handles interrupts (an emergency or "cancel" ends any flow in progress) and otherwise looks the turn's action up in
 * the routing registry. Emergencies were already signposted by the bot, before anything else happened this turn.
 */
export class RootDialog extends ComponentDialog {
  private readonly routes: ReadonlyMap<Action, Route>;
  private readonly flowDecisions: ReadonlyMap<string, Route>;

  /** True while a flow holds the conversation (a hand-off's relay): a model's risk signal is then raised, not discounted. */
  holdsConversation(dialogState: unknown): boolean {
    const root = (
      dialogState as { dialogStack?: readonly { state?: { dialogs?: { dialogStack?: readonly { id: string; state?: unknown }[] } } }[] } | undefined
    )?.dialogStack?.[0];
    return (root?.state?.dialogs?.dialogStack ?? []).some(
      (instance) => this.flowDecisions.get(instance.id)?.flow?.holdsConversation?.(instance.state) === true,
    );
  }

  constructor(
    routes: readonly Route[],
    private readonly profile: ServiceProfile,
  ) {
    super(DialogId.root);
    this.routes = new Map(routes.map((route) => [route.action, route]));
    if (this.routes.size !== routes.length) throw new Error('the routing registry has two rows for one action');
    this.flowDecisions = new Map(routes.flatMap((route) => (route.flow === undefined ? [] : [[route.flow.dialog.id, route] as const])));
    // a flow that ends asking for `reroute` (a hand-off closed meanwhile) leaves the message to be routed afresh
    this.addDialog(
      new WaterfallDialog(STEPS, [
        this.route.bind(this),
        async (step) => ((step.result as { reroute?: unknown } | undefined)?.reroute === true ? step.replaceDialog(STEPS) : step.endDialog()),
      ]),
    );
    for (const route of routes) if (route.flow !== undefined) this.addDialog(route.flow.dialog);
    this.initialDialogId = STEPS;
  }

  protected override async onContinueDialog(inner: DialogContext): Promise<DialogTurnResult> {
    const turn = turnOf(inner.context);
    const flow = this.flowDecisions.get(inner.activeDialog?.id ?? '');
    // a conversation with a person: the emergency was signposted, and the message still goes to them
    if (flow?.flow?.holdsConversation?.(inner.activeDialog?.state) === true) {
      if (turn.understanding?.action === 'emergency') turn.decideAsUnderstood();
      return super.onContinueDialog(inner);
    }
    if (turn.understanding?.action === 'emergency') {
      turn.decideAsUnderstood();
      return inner.cancelAllDialogs();
    }
    if (CANCEL_WORDS.has(textOf(inner.context.activity).trim().toLowerCase())) {
      await inner.context.sendActivity(messages.cancelled);
      turn.decide({ action: 'fallback' });
      return inner.cancelAllDialogs();
    }
    // the text answers the flow's question: it is recorded as the flow, not as what it would mean on its own
    if (flow?.flow !== undefined) turn.decide(flow.flow.during);
    return super.onContinueDialog(inner);
  }

  private async route(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const turn = turnOf(step.context);
    const understanding = turn.understanding;
    if (understanding === undefined) return step.endDialog();
    turn.decideAsUnderstood();
    const route = this.routes.get(understanding.action);
    if (route === undefined || !routeServes(route, turn)) {
      await step.context.sendActivity({
        type: 'message',
        text: route?.refusal ?? messages.fallback(this.profile, turn.facts.publicPage),
        textFormat: 'markdown',
      });
      return step.endDialog();
    }
    return (await route.serve({ step, turn, understanding })) ?? step.endDialog();
  }
}
