import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/**
 * What people read is written in bot/messages.ts only, so wording is reviewed (and one day translated) in one place.
 * This scans every other .ts under bot/ and dialogs/ for string literals that look like text for a person: a sentence
 * or label, or the title, label or text of a card element. Not scanned: bot/tools/ (command-line tools for the
 * team), log calls (fixed lowercase texts for operators; checked below) and thrown errors (never shown: the person
 * sees messages.turnFailed, the log a code).
 */

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? sourceFiles(full) : full.endsWith('.ts') ? [full] : [];
  });
}

const posix = (file: string) => file.split(path.sep).join('/');
const scanned = [...sourceFiles('bot'), ...sourceFiles('dialogs')].map(posix).filter((file) => file !== 'bot/messages.ts' && !file.startsWith('bot/tools/'));

/** Files allowed user-facing literals for now: none (the list only shrinks; a listed file with nothing to move fails). */
const TEMPORARILY_EXEMPT: readonly string[] = [];

/** Literals that look like text but are not for a person, each with why. Keep it short. */
const NOT_USER_FACING: readonly { file: string; text: RegExp; why: string }[] = [
  { file: 'bot/config.ts', text: /./, why: 'configuration problems, printed for the operator when start-up refuses' },
  { file: 'bot/storage/data-inventory.ts', text: /./, why: 'the data-protection inventory (what each record holds, and why): for the DPO and the README' },
  { file: 'bot/storage/', text: /^\s*(SELECT|INSERT|UPDATE|DELETE|CREATE|AND|ORDER|LIMIT)\b|^ LIMIT /, why: 'SQL' },
  { file: 'bot/channels/web/web-tokens.ts', text: /^Bearer /, why: 'the HTTP Authorization scheme' },
  { file: 'bot/content/load-yaml.ts', text: /^YAML: /, why: 'a content problem for content editors (npm run content:check)' },
  { file: 'bot/channels/web/chat-page.ts', text: /^Arial, sans-serif$/, why: 'a font family (the page script and its CSS)' },
  { file: 'bot/charts/theme-chart.ts', text: /^DejaVu Sans$/, why: 'the font family the chart is drawn in' },
];

/** Matched against the whole literal and against each piece of it (a line of SQL, a string in the page script). */
const usedAllowances = new Set<(typeof NOT_USER_FACING)[number]>();
const allowed = (file: string, text: string) => {
  const entry = NOT_USER_FACING.find((a) => file.startsWith(a.file) && a.text.test(text));
  if (entry !== undefined) usedAllowances.add(entry);
  return entry !== undefined;
};

const UI_PROPERTIES = new Set(['title', 'label', 'text', 'placeholder', 'altText', 'subtitle', 'prompt', 'retryPrompt', 'errorMessage', 'speak']);

/** A sentence or a label: "Contact due by", "Saved.", "Thinking about fostering? Chat with …". */
const looksLikeText = (piece: string, dialogs: boolean): boolean => {
  const p = piece.trim();
  return (
    /^[A-Z][^\s]*\s+\S/.test(p) ||
    (/[.!?]$/.test(p) && (/^[A-Z]/.test(p) || /[a-z] [a-z]/.test(p))) ||
    // dialogs/ is all conversation: a run of words there is for a person even in lower case ("transport booking portal")
    (dialogs && /\b[a-z]{2,} [a-z]{2,} [a-z]{2,}\b/.test(p))
  );
};

/**
 * The pieces of a literal read one by one: its lines, the text between HTML tags, strings quoted inside it (the chat
 * page's script), and HTML attributes a person hears or reads (aria-label, alt, title, placeholder).
 */
const piecesOf = (text: string): { pieces: string[]; attributes: string[] } => ({
  pieces: [...text.split(/<[^>]*>|\n/), ...[...text.matchAll(/'([^'\n]{3,})'|"([^"\n]{3,})"/g)].map((m) => m[1] ?? m[2] ?? '')],
  attributes: [...text.matchAll(/\b(?:aria-label|alt|title|placeholder)="([^"]*)"/g)].map((m) => m[1] ?? '').filter((v) => /[A-Za-z]{2}/.test(v)),
});

/** The property a literal is the value of, through `a ? 'x' : 'y'`, `(…)` and `a ?? 'x'`: `{ title: open ? 'Open' : 'Closed' }`. */
function propertyOf(node: ts.Node, source: ts.SourceFile): string | undefined {
  let at = node;
  while (
    ts.isParenthesizedExpression(at.parent) ||
    (ts.isConditionalExpression(at.parent) && at.parent.condition !== at) ||
    (ts.isBinaryExpression(at.parent) && [ts.SyntaxKind.QuestionQuestionToken, ts.SyntaxKind.BarBarToken].includes(at.parent.operatorToken.kind))
  ) {
    at = at.parent;
  }
  return ts.isPropertyAssignment(at.parent) && at.parent.initializer === at ? at.parent.name.getText(source) : undefined;
}

const isLogCall = (node: ts.CallExpression) =>
  ts.isPropertyAccessExpression(node.expression) &&
  /^(debug|info|warn|error)$/.test(node.expression.name.text) &&
  /logger/i.test(node.expression.expression.getText());
/** zod schemas' messages are validation problems for the operator or content editor (`z.string().regex(re, 'must…')`). */
const isZodCall = (node: ts.CallExpression) => /^z\s*\./.test(node.expression.getText());
const isThrownOrError = (node: ts.NewExpression) => ts.isThrowStatement(node.parent) || node.expression.getText().endsWith('Error');

interface Finding {
  readonly file: string;
  readonly line: number;
  readonly text: string;
}

function findings(file: string): Finding[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const inDialogs = file.startsWith('dialogs/');
  const found: Finding[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node) || ts.isLiteralTypeNode(node)) return;
    if (ts.isCallExpression(node) && (isLogCall(node) || isZodCall(node))) return;
    if (ts.isNewExpression(node) && isThrownOrError(node)) return;
    let text: string | undefined;
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) text = node.text;
    else if (ts.isTemplateExpression(node)) text = node.head.text + node.templateSpans.map((span) => `…${span.literal.text}`).join('');
    const isKey = text !== undefined && (ts.isPropertyAssignment(node.parent) || ts.isPropertyDeclaration(node.parent)) && node.parent.name === node;
    if (text !== undefined && !isKey) {
      const property = propertyOf(node, source);
      const uiValue = property !== undefined && UI_PROPERTIES.has(property) && /^[A-Z]|[A-Za-z]\s/.test(text);
      const { pieces, attributes } = piecesOf(text);
      const textLike = uiValue || attributes.length > 0 || pieces.some((piece) => looksLikeText(piece, inDialogs) && !allowed(file, piece.trim()));
      if (textLike && !allowed(file, text)) {
        found.push({ file, line: source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1, text: text.slice(0, 80) });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

const all = scanned.flatMap(findings);
const format = (f: Finding) => `${f.file}:${f.line}: ${JSON.stringify(f.text)}`;

describe('user-facing text', () => {
  it('tells text for people from other strings', () => {
    expect(['Contact due by', 'Saved.', 'Thinking about fostering? Chat with …'].filter((t) => !looksLikeText(t, false))).toEqual([]);
    expect(looksLikeText('transport booking portal', true)).toBe(true);
    expect(['concern.refresh', 'Action.Execute', 'Bolder', 'transport-report', '…/…', 'a b'].filter((t) => looksLikeText(t, true))).toEqual([]);
    expect(piecesOf(`root.textContent = 'Sorry, the chat is not available.';`).pieces).toContain('Sorry, the chat is not available.');
    expect(piecesOf('<div aria-label="Chat" data-page="public">').attributes).toEqual(['Chat']);
  });

  it('is only in bot/messages.ts', () => {
    const offenders = all.filter((f) => !TEMPORARILY_EXEMPT.includes(f.file)).map(format);
    expect(offenders).toEqual([]);
  });

  it('allows only what is still there (the allow-list stays short)', () => {
    expect(NOT_USER_FACING.filter((a) => !usedAllowances.has(a)).map((a) => a.why)).toEqual([]);
  });

  it('exempts only files that still have text to move (the temporary list only shrinks)', () => {
    const stale = TEMPORARILY_EXEMPT.filter((file) => !all.some((f) => f.file === file));
    expect(stale).toEqual([]);
  });

  it('log messages are lowercase, so they are told apart from text for people', () => {
    const capitalised = scanned.flatMap((file) => {
      const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
      const out: string[] = [];
      const visit = (node: ts.Node): void => {
        if (ts.isCallExpression(node) && isLogCall(node)) {
          const first = node.arguments[0];
          if (first !== undefined && (ts.isStringLiteral(first) || ts.isNoSubstitutionTemplateLiteral(first)) && /^[A-Z][a-z]/.test(first.text))
            out.push(`${file}: ${first.text}`);
        }
        ts.forEachChild(node, visit);
      };
      visit(source);
      return out;
    });
    expect(capitalised).toEqual([]);
  });
});
