import type { OutboxEntry } from '../../mail/outbox-mailer.js';

/**
 * The /dev/mail pages, rendered on the server as plain HTML. Everything from a message (addresses,
 * subjects, bodies) is untrusted text: it is escaped, and only http(s) addresses become links.
 */
export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

const linkPattern = /https?:\/\/[^\s<>"']+/g;
/** Punctuation that ends a sentence rather than the address ("…/invite/abc." or "(…/abc)"). */
const trailingPunctuation = /[.,;:!?)\]]+$/;

/** Escaped text in which each http(s) address is a link to itself. */
export function linkify(text: string): string {
  let html = '';
  let last = 0;
  for (const match of text.matchAll(linkPattern)) {
    const start = match.index ?? 0;
    const address = match[0].replace(trailingPunctuation, '');
    html += escapeHtml(text.slice(last, start));
    html += `<a href="${escapeHtml(address)}">${escapeHtml(address)}</a>`;
    last = start + address.length;
  }
  return html + escapeHtml(text.slice(last));
}

const style = `
body { font: 16px/1.5 system-ui, sans-serif; margin: 0 auto; max-width: 48rem; padding: 1rem; color: #1a1a1a; }
a { color: #0b4f9c; }
a:focus-visible { outline: 3px solid #1a1a1a; outline-offset: 2px; }
.note { background: #fff4d6; border-left: 4px solid #8a5a00; padding: 0.5rem 0.75rem; }
ol { padding: 0; list-style: none; }
li { border-bottom: 1px solid #ccc; padding: 0.75rem 0; }
.meta { color: #4a4a4a; margin: 0; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1rem; }
dt { font-weight: 600; }
dd { margin: 0; overflow-wrap: anywhere; }
pre { white-space: pre-wrap; overflow-wrap: anywhere; background: #f4f4f4; padding: 1rem; font: inherit; }
`;

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${style}</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;
}

function formatDate(iso: string): string {
  return iso.replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
}

const developmentNote =
  '<p class="note">Development outbox: no SMTP server is configured (SMTP_URL), so email is written to a folder instead of being sent.</p>';

export function renderOutboxList(entries: OutboxEntry[]): string {
  const items = entries
    .map(
      (entry) => `<li>
<a href="/dev/mail/${escapeHtml(entry.id)}">${escapeHtml(entry.subject || '(no subject)')}</a>
<p class="meta">To ${escapeHtml(entry.to)} · <time datetime="${escapeHtml(entry.date)}">${escapeHtml(formatDate(entry.date))}</time></p>
</li>`,
    )
    .join('\n');
  const list =
    entries.length > 0 ? `<ol aria-label="Messages, newest first">\n${items}\n</ol>` : '<p>No messages yet.</p>';
  return page(
    'Outbox (development)',
    `<h1>Outbox</h1>
${developmentNote}
<p>${entries.length === 1 ? '1 message' : `${entries.length} messages`}, newest first.</p>
${list}`,
  );
}

export function renderOutboxMessage(entry: OutboxEntry): string {
  return page(
    `${entry.subject || '(no subject)'} · Outbox (development)`,
    `<p><a href="/dev/mail">Back to the outbox</a></p>
<h1>${escapeHtml(entry.subject || '(no subject)')}</h1>
<dl>
<dt>From</dt><dd>${escapeHtml(entry.from)}</dd>
<dt>To</dt><dd>${escapeHtml(entry.to)}</dd>
<dt>Date</dt><dd><time datetime="${escapeHtml(entry.date)}">${escapeHtml(formatDate(entry.date))}</time></dd>
</dl>
<h2>Text</h2>
<pre>${linkify(entry.text)}</pre>
<p><a href="/dev/mail/${escapeHtml(entry.id)}/raw" download="${escapeHtml(entry.id)}.eml">Download the message (.eml)</a></p>`,
  );
}

export function renderNotFound(): string {
  return page(
    'Message not found · Outbox (development)',
    `<h1>Message not found</h1>\n<p><a href="/dev/mail">Back to the outbox</a></p>`,
  );
}

export function renderLocalOnly(): string {
  return page(
    'Outbox (development)',
    `<h1>The outbox is local only</h1>
<p>Email from this server is written to a folder because no SMTP server is configured. The messages hold working invite links, so they are shown only to a browser on the same machine. Set SMTP_URL to send email.</p>`,
  );
}
