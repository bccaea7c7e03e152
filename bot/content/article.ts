import { z } from 'zod';
import type { Topic } from './taxonomy';

const IsoDate = z.iso.date();
const ArticleId = z.string().regex(/^[a-z-]+\/[a-z0-9]+(-[a-z0-9]+)*$/, 'must be <topic>/<slug> in lower-case kebab-case');

const SourceSchema = z.union([
  z.strictObject({
    seed: z.string().regex(/^\d{3}_[0-9a-f]{16}\.txt$/, 'must name a seed file, e.g. 000_44a9b9e342cc9c35.txt'),
    lines: z.union([z.number().int().positive(), z.string().regex(/^\d+(-\d+)?$/, 'must be a line or a range, e.g. 120-134')]),
  }),
  z.strictObject({
    url: z.url({ protocol: /^https?$/ }),
    title: z.string().min(3),
  }),
]);

export const AUDIENCES = ['carer', 'enquirer', 'staff'] as const;
export type ArticleAudience = (typeof AUDIENCES)[number];

export const ArticleFrontMatterSchema = z.strictObject({
  id: ArticleId,
  title: z.string().min(3).max(120),
  audience: z.array(z.enum(AUDIENCES)).min(1),
  questions: z.array(z.string().min(3).max(300)).min(3, 'needs at least 3 example questions'),
  keywords: z.array(z.string().min(2)).default([]),
  followUps: z.array(ArticleId).default([]),
  sources: z.array(SourceSchema).min(1, 'needs at least one source'),
  owner: z.string().min(2),
  lastReviewed: IsoDate,
  reviewBy: IsoDate,
});

export type ArticleFrontMatter = z.infer<typeof ArticleFrontMatterSchema>;
export type ArticleSource = z.infer<typeof SourceSchema>;

export interface Article extends ArticleFrontMatter {
  readonly topic: Topic;
  /** Markdown with {{placeholders}}; rendered per turn. */
  readonly body: string;
  /** Repository-relative path, for problems and the content team. */
  readonly file: string;
}

export function topicOf(id: string): string {
  return id.split('/')[0] ?? '';
}
