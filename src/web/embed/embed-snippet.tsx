import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type EmbedView, embedSnippets } from './snippets.js';

/**
 * The organiser console's copy-and-paste snippets: the voting card and the results card, each as our
 * script (which sizes its frame) or as a plain iframe.
 */
export function EmbedSnippets({ slug, title, resultsPublic }: { slug: string; title: string; resultsPublic: boolean }) {
  const { t } = useTranslation();
  const headingId = useId();
  const origin = window.location.origin;
  return (
    <section aria-labelledby={headingId}>
      <h3 id={headingId}>{t('embed.snippetTitle')}</h3>
      <p className="hint">{t('embed.snippetIntro')}</p>
      {(['vote', 'results'] as const).map((view) => (
        <SnippetPair key={view} view={view} snippets={embedSnippets({ origin, slug, title, view })} />
      ))}
      {resultsPublic ? null : <p className="hint">{t('embed.resultsNeedPublic')}</p>}
    </section>
  );
}

function SnippetPair({ view, snippets }: { view: EmbedView; snippets: { script: string; iframe: string } }) {
  const { t } = useTranslation();
  const name = t(view === 'vote' ? 'embed.voteSnippet' : 'embed.resultsSnippet');
  return (
    <>
      <Snippet label={`${name}, ${t('embed.scriptLabel')}`} code={snippets.script} />
      <Snippet label={`${name}, ${t('embed.iframeLabel')}`} code={snippets.iframe} />
    </>
  );
}

function Snippet({ label, code }: { label: string; code: string }) {
  const { t } = useTranslation();
  const id = useId();
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(code);
      setCopied(true);
    } catch {
      // No clipboard access (an older browser, an http page): select the text for a manual copy.
      (document.getElementById(id) as HTMLTextAreaElement | null)?.select();
    }
  };
  return (
    <div className="field embed-snippet">
      <label htmlFor={id}>{label}</label>
      <textarea id={id} readOnly rows={3} value={code} spellCheck={false} onFocus={(event) => event.target.select()} />
      <button type="button" className="button button-secondary button-small" onClick={() => void copy()}>
        {t('embed.copy')}
      </button>
      <span role="status" className="hint">
        {copied ? t('embed.copied') : ''}
      </span>
    </div>
  );
}
