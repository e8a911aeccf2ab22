import { describe, expect, it } from 'vitest';
import { embedSnippets } from './snippets.js';

describe('embed snippets', () => {
  it('points the script and the iframe at this instance and the chosen view', () => {
    const snippets = embedSnippets({
      origin: 'https://review.example.org',
      slug: 'after-the-defeat',
      title: 'After the defeat',
      view: 'results',
    });
    expect(snippets.script).toBe(
      '<script src="https://review.example.org/embed.js" data-review="after-the-defeat" data-view="results" data-title="After the defeat" async></script>',
    );
    expect(snippets.iframe).toContain('src="https://review.example.org/embed/after-the-defeat/results"');
    expect(snippets.iframe).toContain('title="After the defeat"');
  });

  it('cannot be broken out of by a review title', () => {
    const { script, iframe } = embedSnippets({
      origin: 'https://review.example.org',
      slug: 'x',
      title: 'A "quoted" <b>title</b> & more',
      view: 'vote',
    });
    for (const html of [script, iframe]) {
      expect(html).toContain('title="A &quot;quoted&quot; &lt;b&gt;title&lt;/b&gt; &amp; more"');
      expect(html.match(/"/g)?.length ?? 0).toBe(8);
    }
  });
});
