import type { RecruitmentContent } from '../../content/recruitment-content';
import { normaliseForRules } from '../../understanding/normalise';
import { ENQUIRY_WANTS, firstContactMade, type Enquiry, type EnquiryWant } from './enquiries';

/**
 * Which of the three offers a message names: the button titles the public page shows (`offerTitles`), or words for
 * them ("can someone call me", "an info evening"). Deterministic, like every other classification.
 */
export function wantOf(text: string, offerTitles: Readonly<Record<EnquiryWant, string>>): EnquiryWant | undefined {
  const t = normaliseForRules(text);
  const offered = ENQUIRY_WANTS.find((want) => normaliseForRules(offerTitles[want]) === t);
  if (offered !== undefined) return offered;
  if (/\b(info|information) (session|evening|event|night|meeting)|\bwebinar\b/.test(t)) return 'information-session';
  if (/\b(foster carer|carer who|someone who (actually )?foster\w*|who (actually )?fosters|drop in)\b/.test(t)) return 'talk-to-a-carer';
  if (/\b(call|ring|phone|contact|email|text) (me|us)\b|\bget in touch\b|\bcall back\b/.test(t)) return 'call-back';
  return undefined;
}

/**
 * The open enquiries an officer's words ask for: a kind of fostering ("interested in respite"), those not yet
 * contacted, those holding a session place, those wanting a chat with a carer, the new ones not picked up; else all.
 */
export function enquiryFilterOf(text: string, interests: RecruitmentContent['interests']): (enquiry: Enquiry) => boolean {
  const t = ` ${normaliseForRules(text)} `;
  const interest = interests.find((i) => i.id !== 'not-sure' && (t.includes(` ${normaliseForRules(i.label)} `) || t.includes(` ${i.id.replace(/-/g, ' ')} `)));
  if (interest !== undefined) return (e) => e.interest === interest.id;
  if (/\b(not (yet )?(been )?(called|contacted|rung|phoned)|no(t)? call ?back|havent been|hasnt been|waiting|overdue|outstanding)\b/.test(t))
    return (e) => !firstContactMade(e);
  if (/\b(session|info evening|information evening|drop in|booked)\b/.test(t)) return (e) => e.sessionId !== undefined;
  if (/\b(foster carer|talk to a carer)\b/.test(t)) return (e) => e.wants === 'talk-to-a-carer';
  if (/\bnew\b/.test(t)) return (e) => e.stage === 'enquiry' && e.assignedTo === undefined;
  return () => true;
}
