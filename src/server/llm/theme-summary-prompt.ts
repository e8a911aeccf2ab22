/**
 * The prompt for drafting one theme's summary. Only the theme's label, its distinctive words and its
 * example answers go in: never who wrote them, their seat or any identity answer.
 */
export function themeSummaryMessages(theme: {
  label: string;
  terms: readonly string[];
  examples: readonly string[];
}): Array<{ role: 'system' | 'user'; content: string }> {
  const system =
    'You help organisers of a political party review understand what members and voters said. ' +
    'Summarise the theme below in two or three plain sentences, neutrally, without adding facts, ' +
    'names or opinions that are not in the answers.';
  const user = [
    `Theme: ${theme.label}`,
    `Distinctive words: ${theme.terms.join(', ')}`,
    'Example answers:',
    ...theme.examples.map((text, index) => `${index + 1}. ${text}`),
  ].join('\n');
  return [
    { role: 'system', content: system },
    { role: 'user', content: user },
  ];
}
