import { describe, expect, it } from 'vitest';
import { markdownToUnsafeHtml } from './markdown.js';

// Sanitising needs a real DOM (DOMPurify is a no-op without one), so the browser tests check it;
// here we check the heading levels, which are pure.
describe('markdownToUnsafeHtml', () => {
  it('demotes headings below the page h1 without skipping levels', () => {
    const html = markdownToUnsafeHtml('# Why\n\ntext\n\n#### Detail\n\n## Next');
    expect(html).toContain('<h2>Why</h2>');
    expect(html).toContain('<h3>Detail</h3>');
    expect(html).toContain('<h3>Next</h3>');
    expect(html).not.toContain('<h1');
  });

  it('starts at h2 when the text has only deep headings', () => {
    expect(markdownToUnsafeHtml('### Only')).toContain('<h2>Only</h2>');
  });

  it('drops raw HTML', () => {
    const html = markdownToUnsafeHtml('We **lost**. <img src="x" onerror="alert(1)">\n\n<script>alert(2)</script>');
    expect(html).toContain('<strong>lost</strong>');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<script');
  });
});
