import DOMPurify from 'dompurify';
import { Marked, type Token } from 'marked';
import { useMemo } from 'react';

/**
 * Raw HTML in an introduction is dropped, not passed through: Markdown covers what organisers need,
 * and it means DOMPurify (kept as the second line of defence) never has to parse hostile markup.
 */
const marked = new Marked({ gfm: true, breaks: false, renderer: { html: () => '' } });

/**
 * Review introductions may use any heading level, but the page already has its h1. Headings are
 * shifted so the shallowest becomes h2 and none skips a level, keeping the outline valid.
 */
function adjustHeadings(tokens: Token[]): void {
  const depths = tokens.flatMap((token) => (token.type === 'heading' ? [token.depth as number] : []));
  if (depths.length === 0) return;
  const offset = 2 - Math.min(...depths);
  let previous = 1;
  for (const token of tokens) {
    if (token.type !== 'heading') continue;
    const level = Math.min(6, Math.max(2, Math.min((token.depth as number) + offset, previous + 1)));
    token.depth = level;
    previous = level;
  }
}

/** Markdown → HTML with headings adjusted, before sanitising (exported for tests). */
export function markdownToUnsafeHtml(source: string): string {
  const tokens = marked.lexer(source);
  adjustHeadings(tokens);
  return marked.parser(tokens);
}

/** Markdown → sanitised HTML. Organisers write the text, but sanitising keeps one bad account from scripting participants. */
export function renderMarkdown(source: string): string {
  return DOMPurify.sanitize(markdownToUnsafeHtml(source));
}

export function Markdown({ source, className }: { source: string; className?: string }) {
  const html = useMemo(() => renderMarkdown(source), [source]);
  // biome-ignore lint/security/noDangerouslySetInnerHtml: the HTML is sanitised by DOMPurify just above.
  return <div className={className ?? 'prose'} dangerouslySetInnerHTML={{ __html: html }} />;
}
