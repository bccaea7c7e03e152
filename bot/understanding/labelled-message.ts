import { z } from 'zod';
import { ACTIONS, PERSONAS, THEMES, TOPICS } from '../content/taxonomy';

const oneOrMany = <T extends z.ZodType>(schema: T) => z.union([schema, z.array(schema).min(1)]);

export const ROLE_IDS = ['carer', 'manager', 'recruitment-officer', 'association-rep', 'content-editor', 'admin'] as const;

/**
 * One labelled message, in the format of the evaluation files (../shared/spec/taxonomy.md): the training corpus in
 * content/training-corpus/ and the evaluation sets use the same shape.
 */
export const LabelledMessageSchema = z.object({
  id: z.string().min(1),
  persona: z.enum(PERSONAS),
  roles: z.array(z.enum(ROLE_IDS)).optional(),
  text: z.string().min(1),
  expect: z.object({
    action: oneOrMany(z.enum(ACTIONS)),
    topic: oneOrMany(z.enum(TOPICS)).optional(),
    theme: oneOrMany(z.enum(THEMES)).optional(),
  }),
  source: z.string().optional(),
});
export type LabelledMessage = z.infer<typeof LabelledMessageSchema>;

export const asList = <T>(value: T | readonly T[] | undefined): readonly T[] =>
  value === undefined ? [] : Array.isArray(value) ? (value as readonly T[]) : [value as T];

/** Parses JSON Lines, naming the file and line of the first problem. */
export function parseLabelledLines(text: string, file: string): LabelledMessage[] {
  const out: LabelledMessage[] = [];
  text.split('\n').forEach((line, index) => {
    if (line.trim().length === 0) return;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      throw new Error(`${file}:${index + 1}: not valid JSON`);
    }
    const parsed = LabelledMessageSchema.safeParse(json);
    if (!parsed.success) throw new Error(`${file}:${index + 1}: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
    out.push(parsed.data);
  });
  return out;
}
