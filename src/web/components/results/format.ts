/** Small formatting helpers shared by the results components. */

/** Groups are shown as letters (label 0 → A), which read the same in English and Welsh. */
export function groupLetter(label: number): string {
  return label >= 0 && label < 26 ? String.fromCharCode(65 + label) : String(label + 1);
}

/** Whole percentages in the reader's language. */
export function percent(value: number, language: string): string {
  return new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 0 }).format(value);
}

/** Whole numbers in the reader's language. */
export function count(value: number, language: string): string {
  return new Intl.NumberFormat(language).format(value);
}

/**
 * Colours of opinion groups on the map and in bars: each has at least 3:1 contrast on white (the
 * minimum for graphics), and every chart also says its numbers in text.
 */
const palette = ['#0b4f5c', '#a14d00', '#5b3a8c', '#1a6a37', '#8c2f5b', '#3d5a80', '#6b5b00', '#444b55'];
export function groupColour(label: number | null): string {
  if (label === null) return '#8a929c';
  return palette[label % palette.length] ?? '#444b55';
}
