export type EmbedView = 'vote' | 'results';

/** Escapes text for an HTML attribute value in double quotes. */
function attribute(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

/**
 * The HTML an organiser pastes into another site: our loader script (which sizes the frame to its
 * content), or a plain iframe for sites that allow no third-party scripts.
 */
export function embedSnippets(input: { origin: string; slug: string; title: string; view: EmbedView }): {
  script: string;
  iframe: string;
} {
  const slug = encodeURIComponent(input.slug);
  const title = attribute(input.title);
  return {
    script: `<script src="${input.origin}/embed.js" data-review="${slug}" data-view="${input.view}" data-title="${title}" async></script>`,
    iframe: `<iframe src="${input.origin}/embed/${slug}/${input.view}" title="${title}" style="width:100%;height:480px;border:0" loading="lazy"></iframe>`,
  };
}
