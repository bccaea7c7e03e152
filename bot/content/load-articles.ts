import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { ArticleFrontMatterSchema, topicOf, type Article } from './article';
import { parseYamlWith, type Problem } from './load-yaml';
import { isTopic } from './taxonomy';

const FRONT_MATTER = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/;

/** Reads every articles/<topic>/<slug>.md; problems are collected with the line they refer to. */
export async function loadArticles(contentDir: string): Promise<{ articles: Article[]; problems: Problem[] }> {
  const root = path.join(contentDir, 'articles');
  const problems: Problem[] = [];
  const articles: Article[] = [];
  const topicDirs = (await readdir(root, { withFileTypes: true }))
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
  for (const topicDir of topicDirs) {
    const files = (await readdir(path.join(root, topicDir))).filter((f) => f.endsWith('.md')).sort();
    for (const name of files) {
      const absolute = path.join(root, topicDir, name);
      const file = path.relative(path.dirname(contentDir), absolute);
      const parsed = parseArticle(await readFile(absolute, 'utf8'), file, `${topicDir}/${name.replace(/\.md$/, '')}`);
      problems.push(...parsed.problems);
      if (parsed.article !== undefined) articles.push(parsed.article);
    }
  }
  return { articles, problems };
}

export function parseArticle(text: string, file: string, expectedId: string): { article?: Article; problems: Problem[] } {
  const match = FRONT_MATTER.exec(text);
  if (match === null) return { problems: [{ file, line: 1, message: 'must start with YAML front matter between --- lines' }] };
  const [, yamlText = '', body = ''] = match;
  const parsed = parseYamlWith(ArticleFrontMatterSchema, yamlText, file, 1);
  if (parsed.value === undefined) return { problems: parsed.problems };
  const front = parsed.value;
  const problems: Problem[] = [];
  const lineOf = (field: string) => 2 + yamlText.split('\n').findIndex((l) => l.startsWith(`${field}:`));
  if (front.id !== expectedId) problems.push({ file, line: lineOf('id'), message: `id must be "${expectedId}" (it must match the file path)` });
  const topic = topicOf(front.id);
  if (!isTopic(topic)) problems.push({ file, line: lineOf('id'), message: `"${topic}" is not a topic in the taxonomy` });
  if (front.reviewBy <= front.lastReviewed) problems.push({ file, line: lineOf('reviewBy'), message: 'reviewBy must be after lastReviewed' });
  if (body.trim().length < 20) problems.push({ file, line: 3 + yamlText.split('\n').length, message: 'body is empty or too short' });
  if (problems.length > 0 || !isTopic(topic)) return { problems };
  return { article: { ...front, topic, body: body.trim(), file }, problems };
}
