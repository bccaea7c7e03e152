/**
 * The text rules are written against: lower-case, apostrophes dropped ("don't" -> "dont"), every other
 * non-alphanumeric character a single space. Keeps rule patterns short and readable.
 */
export function normaliseForRules(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/['\u2018\u2019\u02bc`]/g, '')
    .replace(/[^a-z0-9%]+/g, ' ')
    .trim();
}

/** True when the message reads as a question rather than a statement. */
export function isQuestion(text: string): boolean {
  if (text.includes('?')) return true;
  const normalised = normaliseForRules(text);
  return (
    /^(who|what|whats|when|whens|where|wheres|why|how|hows|can|could|is|are|do|does|did|will|would|should|shall|am|have|has|any|which)\b/.test(normalised) ||
    /\b(who|how|what|where|when|why) (do|can|should|could|would|is|are|does|did|will|to)\b/.test(normalised)
  );
}

/** True when any part of the message asks something ("she went missing in may, do I need to tell the school"). */
export function asksSomething(text: string): boolean {
  return isQuestion(text) || /\b(do|can|should|could|would|will|shall|must) (i|we|you)\b|\b(is|are) (it|there|that|this|we|i)\b/.test(normaliseForRules(text));
}
