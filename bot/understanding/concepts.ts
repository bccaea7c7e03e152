import { stem } from './stem';
import { z } from 'zod';
import { ACTIONS, type Action } from '../content/taxonomy';
import { normaliseForRules } from './normalise';

/** content/safety-concepts.yaml: lexicons of situations, the signals they combine into, and the guards. */
const TermList = z.array(z.string().min(1)).min(1);
const ConceptSchema = z.union([TermList, z.strictObject({ terms: TermList, unless: z.array(z.string().min(1)).default([]) })]);
const ConceptId = z.string().regex(/^[a-z-]+$/);

export const SafetyConceptsSchema = z.strictObject({
  words: z.record(z.string().regex(/^[A-Z]+$/), z.array(z.string().min(1)).min(1)),
  concepts: z.record(ConceptId, ConceptSchema),
  signals: z.record(ConceptId, z.array(z.strictObject({ when: z.array(ConceptId).min(1), level: z.enum(['certain', 'possible']) })).min(1)),
  boosts: z.record(z.string(), z.array(z.strictObject({ when: z.array(ConceptId).min(1), unless: z.array(ConceptId).default([]) }))),
  dampen: z.record(z.string(), z.array(ConceptId)).default({}),
  guards: z.strictObject({
    silence: z.array(z.strictObject({ concept: ConceptId, categories: z.array(ConceptId).optional() })),
    soften: z.array(z.strictObject({ concept: ConceptId, categories: z.array(ConceptId).optional() })),
    keep: z.array(ConceptId),
  }),
});
export type SafetyConceptsFile = z.infer<typeof SafetyConceptsSchema>;

export type RiskLevel = 'certain' | 'possible';

export interface RiskSignal {
  readonly category: string;
  readonly level: RiskLevel;
  /** The concepts that made it (for tests and reviews; never logged with the text). */
  readonly when: readonly string[];
}

/** A message split once for every matcher: the words as typed (normalised) and their stems. */
export interface Tokens {
  readonly raw: readonly string[];
  readonly stems: readonly string[];
}

/** A message's sentences (or clauses a carer ended with a full stop, question mark, semicolon or new line). */
export function sentencesOf(text: string): string[] {
  return text
    .split(/[.!?;\n]+/)
    .map((sentence) => sentence.trim())
    .filter((sentence) => sentence.length > 0);
}

export function tokenise(text: string): Tokens {
  const raw = normaliseForRules(text)
    .split(' ')
    .filter((t) => t.length > 0);
  return { raw, stems: raw.map((t) => stem(t)) };
}

/** One position of a term: a word (any of its alternatives), a group of phrases, or a gap of up to `max` words. */
type Element =
  | { readonly kind: 'word'; readonly stems: ReadonlySet<string>; readonly patterns: readonly RegExp[] }
  | { readonly kind: 'group'; readonly phrases: readonly (readonly Element[])[] }
  | { readonly kind: 'gap'; readonly max: number };

type Term = readonly Element[];

/** A term and the stems it can start with (undefined: it starts with a pattern, so every position is tried). */
interface IndexedTerm {
  readonly term: Term;
  readonly firstStems: ReadonlySet<string> | undefined;
  /** Patterns the first word may match instead ("14yo"). */
  readonly firstPatterns: readonly RegExp[];
}

interface CompiledConcept {
  readonly id: string;
  readonly terms: readonly IndexedTerm[];
  readonly unless: readonly IndexedTerm[];
}

/** Problems a content editor must fix (unknown word groups or concepts); empty when the file is sound. */
export function checkConcepts(file: SafetyConceptsFile, emergencyCategories: readonly string[]): string[] {
  const problems: string[] = [];
  const concepts = new Set(Object.keys(file.concepts));
  const termsOf = (c: SafetyConceptsFile['concepts'][string]) => (Array.isArray(c) ? c : [...c.terms, ...c.unless]);
  for (const [id, concept] of Object.entries(file.concepts)) {
    for (const term of termsOf(concept)) {
      for (const group of term.match(/\$[A-Z]+/g) ?? []) {
        if (file.words[group.slice(1)] === undefined) problems.push(`concept ${id}: unknown word group ${group} in "${term}"`);
      }
      if (/^(\*|\.\.\.)( |$)/.test(term)) problems.push(`concept ${id}: a term cannot start with a gap: "${term}"`);
    }
  }
  for (const [category, signals] of Object.entries(file.signals)) {
    if (!emergencyCategories.includes(category)) problems.push(`signals: ${category} is not an emergency category in safety-rules.yaml`);
    for (const signal of signals) for (const c of signal.when) if (!concepts.has(c)) problems.push(`signals.${category}: unknown concept ${c}`);
  }
  for (const guard of [...file.guards.silence, ...file.guards.soften])
    if (!concepts.has(guard.concept)) problems.push(`guards: unknown concept ${guard.concept}`);
  for (const c of file.guards.keep) if (!concepts.has(c)) problems.push(`guards.keep: unknown concept ${c}`);
  for (const [action, dampeners] of Object.entries(file.dampen)) {
    if (!(ACTIONS as readonly string[]).includes(action)) problems.push(`dampen: ${action} is not an action id`);
    for (const c of dampeners) if (!concepts.has(c)) problems.push(`dampen.${action}: unknown concept ${c}`);
  }
  for (const [action, boosts] of Object.entries(file.boosts)) {
    if (!(ACTIONS as readonly string[]).includes(action)) problems.push(`boosts: ${action} is not an action id`);
    for (const boost of boosts) for (const c of [...boost.when, ...boost.unless]) if (!concepts.has(c)) problems.push(`boosts.${action}: unknown concept ${c}`);
  }
  return problems;
}

/**
 * Finds the concepts in a message and combines them into a risk signal. Deterministic and readable: every
 * decision traces back to terms in content/safety-concepts.yaml.
 */
export class ConceptLexicon {
  private readonly concepts: readonly CompiledConcept[];
  /** The concepts the guards name (silence and soften). */
  private readonly guardConcepts: readonly string[];

  constructor(private readonly file: SafetyConceptsFile) {
    this.guardConcepts = [...file.guards.silence, ...file.guards.soften].map((g) => g.concept);
    const groups = new Map<string, readonly Term[]>();
    for (const [name, phrases] of Object.entries(file.words)) {
      groups.set(
        name,
        phrases.map((p) => compileTerm(p, groups)),
      );
    }
    this.concepts = Object.entries(file.concepts).map(([id, concept]) => {
      const terms = Array.isArray(concept) ? concept : concept.terms;
      const unless = Array.isArray(concept) ? [] : concept.unless;
      const index = (t: string): IndexedTerm => {
        const term = compileTerm(t, groups);
        const first = firstOf(term);
        return { term, firstStems: first?.stems, firstPatterns: first?.patterns ?? [] };
      };
      return { id, terms: terms.map(index), unless: unless.map(index) };
    });
  }

  /** The ids of the concepts present in the message. */
  find(tokens: Tokens): Set<string> {
    const found = new Set<string>();
    const positions = new Map<string, number[]>();
    tokens.stems.forEach((s, i) => {
      const at = positions.get(s);
      if (at === undefined) positions.set(s, [i]);
      else at.push(i);
    });
    const matches = (t: IndexedTerm) => termMatches(t, tokens, positions);
    for (const concept of this.concepts) {
      if (concept.terms.some(matches) && !concept.unless.some(matches)) {
        found.add(concept.id);
      }
    }
    return found;
  }

  /**
   * What the guards make of a signal in this category: `silence` (hypothetical, training, not about a child),
   * `soften` (resolved or long past: at most possible), or `none`. A `now` word keeps a signal as it is.
   */
  guard(found: ReadonlySet<string>, category: string): 'silence' | 'soften' | 'none' {
    const { guards } = this.file;
    if (guards.keep.some((c) => found.has(c))) return 'none';
    const applies = (guard: { concept: string; categories?: readonly string[] | undefined }) =>
      found.has(guard.concept) && (guard.categories === undefined || guard.categories.includes(category));
    if (guards.silence.some(applies)) return 'silence';
    return guards.soften.some(applies) ? 'soften' : 'none';
  }

  /** The actions the concepts lift (content/safety-concepts.yaml `boosts`). */
  boosted(found: ReadonlySet<string>): Action[] {
    return Object.entries(this.file.boosts)
      .filter(([, boosts]) => boosts.some((b) => b.when.every((c) => found.has(c)) && !b.unless.some((c) => found.has(c))))
      .map(([action]) => action as Action);
  }

  /** The actions the concepts lower (content/safety-concepts.yaml `dampen`). */
  dampened(found: ReadonlySet<string>): Action[] {
    return Object.entries(this.file.dampen)
      .filter(([, concepts]) => concepts.some((c) => found.has(c)))
      .map(([action]) => action as Action);
  }

  /**
   * The concepts the guards consult: a guard speaks for its own sentence. In a long message, a sentence that carries
   * a guard ("I was going to ask about the first aid course") but no risk of its own does not silence a risk told in
   * another ("he has a burn on his arm and says ..."). `risky` says whether a sentence raises a risk outside these
   * lexicons (the patterns of safety-rules.yaml).
   */
  guardScope(text: string, found: ReadonlySet<string>, risky: (normalised: string) => boolean = () => false): ReadonlySet<string> {
    const guarded = (concepts: ReadonlySet<string>) => this.guardConcepts.some((id) => concepts.has(id));
    if (!guarded(found)) return found;
    const sentences = sentencesOf(text);
    if (sentences.length < 2) return found;
    const kept = sentences.filter((sentence) => {
      const tokens = tokenise(sentence);
      const inSentence = this.find(tokens);
      if (!guarded(inSentence)) return true;
      return this.raisesAny(inSentence) || risky(tokens.raw.join(' '));
    });
    return kept.length === sentences.length ? found : this.find(tokenise(kept.join(' . ')));
  }

  /** Whether the concepts make any signal at all, before the guards. */
  private raisesAny(found: ReadonlySet<string>): boolean {
    return Object.values(this.file.signals).some((signals) => signals.some((signal) => signal.when.every((c) => found.has(c))));
  }

  /** The strongest risk signal the concepts make, after the guards; undefined when there is none. */
  assess(found: ReadonlySet<string>, guardedBy: ReadonlySet<string> = found): RiskSignal | undefined {
    let best: RiskSignal | undefined;
    for (const [category, signals] of Object.entries(this.file.signals)) {
      const guard = this.guard(guardedBy, category);
      if (guard === 'silence') continue;
      const softened = guard === 'soften';
      for (const signal of signals) {
        if (!signal.when.every((c) => found.has(c))) continue;
        const level: RiskLevel = softened ? 'possible' : signal.level;
        if (best === undefined || (best.level === 'possible' && level === 'certain')) best = { category, level, when: signal.when };
      }
    }
    return best;
  }
}

function compileTerm(source: string, groups: ReadonlyMap<string, readonly Term[]>): Term {
  return source
    .trim()
    .split(/\s+/)
    .map((token): Element => {
      if (token === '*') return { kind: 'gap', max: 1 };
      if (token === '...') return { kind: 'gap', max: 3 };
      if (token.startsWith('$')) {
        const phrases = groups.get(token.slice(1));
        if (phrases === undefined) throw new Error(`unknown word group ${token}`);
        return { kind: 'group', phrases };
      }
      const alternatives = token.split('|').filter((a) => a.length > 0);
      const exact = (a: string) => a.startsWith('=') || a.includes('\\');
      return {
        kind: 'word',
        stems: new Set(alternatives.filter((a) => !exact(a)).map((a) => stem(normaliseForRules(a)))),
        patterns: alternatives.filter(exact).map((a) => new RegExp(`^(?:${a.startsWith('=') ? a.slice(1) : a})$`)),
      };
    });
}

/** The stems and patterns a term can begin with (directly or through a group); undefined when it starts with a gap. */
function firstOf(term: Term): { stems: Set<string>; patterns: RegExp[] } | undefined {
  const first = term[0];
  if (first === undefined || first.kind === 'gap') return undefined;
  if (first.kind === 'word') return { stems: new Set(first.stems), patterns: [...first.patterns] };
  const out = { stems: new Set<string>(), patterns: [] as RegExp[] };
  for (const phrase of first.phrases) {
    const inner = firstOf(phrase);
    if (inner === undefined) return undefined;
    for (const s of inner.stems) out.stems.add(s);
    out.patterns.push(...inner.patterns);
  }
  return out;
}

function termMatches({ term, firstStems, firstPatterns }: IndexedTerm, tokens: Tokens, positions: ReadonlyMap<string, readonly number[]>): boolean {
  if (firstStems === undefined) {
    for (let start = 0; start < tokens.raw.length; start += 1) if (matchFrom(term, 0, start, tokens) >= 0) return true;
    return false;
  }
  for (const s of firstStems) {
    for (const start of positions.get(s) ?? []) if (matchFrom(term, 0, start, tokens) >= 0) return true;
  }
  if (firstPatterns.length > 0) {
    for (let start = 0; start < tokens.raw.length; start += 1) {
      const raw = tokens.raw[start] ?? '';
      if (firstPatterns.some((p) => p.test(raw)) && matchFrom(term, 0, start, tokens) >= 0) return true;
    }
  }
  return false;
}

/** Matches term[e..] at position pos; returns the position after the match, or -1. */
function matchFrom(term: Term, e: number, pos: number, tokens: Tokens): number {
  if (e === term.length) return pos;
  const element = term[e];
  if (element === undefined) return -1;
  switch (element.kind) {
    case 'gap':
      for (let skip = 0; skip <= element.max && pos + skip <= tokens.raw.length; skip += 1) {
        const end = matchFrom(term, e + 1, pos + skip, tokens);
        if (end >= 0) return end;
      }
      return -1;
    case 'group':
      for (const phrase of element.phrases) {
        const after = matchFrom(phrase, 0, pos, tokens);
        if (after < 0) continue;
        const end = matchFrom(term, e + 1, after, tokens);
        if (end >= 0) return end;
      }
      return -1;
    case 'word': {
      const raw = tokens.raw[pos];
      const stemmed = tokens.stems[pos];
      if (raw === undefined || stemmed === undefined) return -1;
      const hit = element.stems.has(stemmed) || element.patterns.some((p) => p.test(raw));
      return hit ? matchFrom(term, e + 1, pos + 1, tokens) : -1;
    }
  }
}
