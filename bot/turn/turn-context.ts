import type { TurnContext } from 'botbuilder';
import type { Turn } from './turn';

const TURN = Symbol('turn');

/** Attached once by the bot when a turn starts; dialogs and card actions read it, never re-deriving identity. */
export function attachTurn(context: TurnContext, turn: Turn): void {
  context.turnState.set(TURN, turn);
}

export function turnOf(context: TurnContext): Turn {
  const turn = context.turnState.get<Turn | undefined>(TURN);
  if (turn === undefined) throw new Error('the turn was read before the bot described it');
  return turn;
}
