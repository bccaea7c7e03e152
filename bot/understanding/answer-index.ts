import MiniSearch from 'minisearch';
import type { Article, ArticleAudience } from '../content/article';
import type { Topic } from '../content/taxonomy';
import type { Persona } from '../roles';
import type { TextPipeline } from './text-pipeline';

export interface ArticleMatch {
  readonly article: Article;
  readonly score: number;
  /** Share of the query's terms this article matched (0-1). */
  readonly coverage: number;
}

interface IndexedArticle {
  id: string;
  title: string;
  questions: string;
  keywords: string;
  body: string;
}

const FIELD_BOOSTS = { questions: 3, keywords: 2.5, title: 2, body: 0.4 };
/** Body terms kept per article: its most distinctive ones (rarest across articles). */
const BODY_TERMS = 50;

/**
 * Guidance search (MiniSearch, BM25+): stemmed, vocabulary-expanded terms, typo tolerance and field boosts.
 * Built once at start; searching allocates nothing per article.
 */
export class AnswerIndex {
  private readonly search: MiniSearch<IndexedArticle>;
  private readonly byId: ReadonlyMap<string, Article>;
  /** Every term in the index: a query term outside it is treated as a possible typo. */
  private readonly vocabulary: ReadonlySet<string>;

  constructor(
    articles: readonly Article[],
    private readonly pipeline: TextPipeline,
  ) {
    this.byId = new Map(articles.map((article) => [article.id, article]));
    this.search = new MiniSearch<IndexedArticle>({
      fields: ['title', 'questions', 'keywords', 'body'],
      // the pipeline already produced terms; MiniSearch only splits them
      tokenize: (text) => text.split(' '),
      processTerm: (term) => (term.length > 0 ? term : null),
    });
    const bodies = articles.map((article) => [...new Set(this.prepare(article.body.replace(/\{\{[^}]*\}\}/g, ' ')).split(' '))]);
    const bodyFrequency = new Map<string, number>();
    for (const terms of bodies) for (const term of terms) bodyFrequency.set(term, (bodyFrequency.get(term) ?? 0) + 1);
    const documents = articles.map((article, i) => ({
      id: article.id,
      title: this.prepare(article.title),
      questions: article.questions.map((q) => this.prepare(q)).join(' '),
      keywords: article.keywords.map((k) => this.prepare(k)).join(' '),
      // the body only confirms a topic: its distinctive terms do that, and short postings keep big indexes fast
      body: [...(bodies[i] ?? [])]
        .sort((a, b) => (bodyFrequency.get(a) ?? 0) - (bodyFrequency.get(b) ?? 0))
        .slice(0, BODY_TERMS)
        .join(' '),
    }));
    this.search.addAll(documents);
    this.vocabulary = new Set(documents.flatMap((d) => `${d.title} ${d.questions} ${d.keywords} ${d.body}`.split(' ')));
  }

  articles(): readonly Article[] {
    return [...this.byId.values()];
  }

  get size(): number {
    return this.byId.size;
  }

  article(id: string): Article | undefined {
    return this.byId.get(id);
  }

  /** Best matches among the articles this audience may see, best first. */
  find(text: string, audiences: readonly ArticleAudience[], limit = 5, topic?: Topic): ArticleMatch[] {
    const terms = this.pipeline.terms(text);
    if (terms.length === 0) return [];
    // typo tolerance only for words the guidance does not contain: exact lookups are cheap, fuzzy ones are not
    const known = terms.filter((term) => this.vocabulary.has(term));
    const unknown = terms.filter((term) => !this.vocabulary.has(term));
    const results = this.search.search(
      {
        combineWith: 'OR',
        queries: [
          ...(known.length > 0 ? [{ queries: known, combineWith: 'OR' as const }] : []),
          ...(unknown.length > 0
            ? [
                {
                  queries: unknown,
                  combineWith: 'OR' as const,
                  fuzzy: (term: string) => (term.length >= 6 ? 0.2 : term.length >= 4 ? 0.1 : false),
                  prefix: (term: string) => term.length >= 5,
                },
              ]
            : []),
        ],
      },
      {
        boost: FIELD_BOOSTS,
        weights: { fuzzy: 0.3, prefix: 0.5 },
        filter: (result) => {
          const article = this.byId.get(String(result.id));
          return article !== undefined && (topic === undefined || article.topic === topic) && article.audience.some((a) => audiences.includes(a));
        },
      },
    );
    return results.slice(0, limit).map((result) => ({
      article: this.byId.get(String(result.id)) as Article,
      score: result.score,
      coverage: new Set(result.queryTerms).size / terms.length,
    }));
  }

  private prepare(text: string): string {
    return this.pipeline.terms(text).join(' ');
  }
}

/** Audience scoping: the public page sees only enquirer articles; carers carer ones; staff everything. */
export function audienceOf(persona: Persona): readonly ArticleAudience[] {
  if (persona === 'enquirer') return ['enquirer'];
  return persona === 'carer' ? ['carer'] : ['staff', 'carer', 'enquirer'];
}
