import type { LoadedContent } from '../content/load-content';
import { AnswerIndex } from './answer-index';
import { Classifier } from './classifier';
import { compileRules } from './rules';
import { TextPipeline } from './text-pipeline';

/** Builds the classifier once at start (rules compiled, search index built), never per message. */
export function createClassifier(content: LoadedContent): { classifier: Classifier; index: AnswerIndex } {
  const pipeline = new TextPipeline(content.vocabulary);
  const index = new AnswerIndex(content.articles, pipeline);
  const rules = compileRules(content.safetyRules, content.intents, content.themes);
  return { classifier: new Classifier({ rules, index, pipeline }), index };
}
