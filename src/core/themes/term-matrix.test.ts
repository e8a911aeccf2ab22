import { describe, expect, it } from 'vitest';
import { buildTermMatrix, familyMark, isFamily, rowLength, type TermMatrix } from './term-matrix.js';

function rowOf(matrix: TermMatrix, row: number): Map<string, number> {
  const entries = new Map<string, number>();
  for (let entry = matrix.rowOffsets[row] as number; entry < (matrix.rowOffsets[row + 1] as number); entry++) {
    entries.set(matrix.terms[matrix.columns[entry] as number] as string, matrix.values[entry] as number);
  }
  return entries;
}

describe('buildTermMatrix', () => {
  const documents = [
    { id: 'a', terms: ['bill', 'bill', 'price'] },
    { id: 'b', terms: ['bill', 'wage'] },
    { id: 'c', terms: ['price', 'wage', 'once'] },
    { id: 'd', terms: ['brexit', 'europe'] },
    { id: 'e', terms: ['brexit', 'europe', 'wage'] },
  ];

  it('keeps terms in at least two answers and at most half of them, in alphabetical order', () => {
    const matrix = buildTermMatrix(documents, { familyPrefixLength: 0 });
    // "once" is in one answer; "wage" is in three of five (more than half).
    expect(matrix.terms).toEqual(['bill', 'brexit', 'europe', 'price']);
    expect(Array.from(matrix.documentFrequency)).toEqual([2, 2, 2, 2]);
    expect(matrix.columnCount).toBe(4);
  });

  it('weighs by sublinear term frequency times smoothed inverse document frequency, rows at unit length', () => {
    const matrix = buildTermMatrix(documents, { familyPrefixLength: 0, maximumDocumentShare: 1 });
    const idf = (documentFrequency: number): number => Math.log(6 / (1 + documentFrequency)) + 1;
    const bill = (1 + Math.log(2)) * idf(2);
    const price = idf(2);
    const norm = Math.hypot(bill, price);
    const first = rowOf(matrix, 0);
    expect(first.get('bill')).toBeCloseTo(bill / norm, 12);
    expect(first.get('price')).toBeCloseTo(price / norm, 12);
    for (let row = 0; row < matrix.rowCount; row++) {
      const squares = [...rowOf(matrix, row).values()].reduce((sum, value) => sum + value * value, 0);
      expect(squares).toBeCloseTo(1, 12);
    }
  });

  it('leaves an answer with no kept term as an empty row', () => {
    const matrix = buildTermMatrix([...documents, { id: 'f', terms: ['unique'] }], { familyPrefixLength: 0 });
    expect(rowLength(matrix, 5)).toBe(0);
    expect(rowLength(matrix, 0)).toBe(2);
  });

  it('adds word-family features so related words and typos share one', () => {
    const matrix = buildTermMatrix(
      [
        { id: 'a', terms: ['leader', 'weak'] },
        { id: 'b', terms: ['leadership', 'divided'] },
        { id: 'c', terms: ['brexit'] },
        { id: 'd', terms: ['brexit'] },
        { id: 'e', terms: ['council'] },
      ],
      { familyPrefixLength: 5 },
    );
    const family = `leade${familyMark}`;
    expect(matrix.terms).toContain(family);
    expect(isFamily(family)).toBe(true);
    expect(isFamily('leader')).toBe(false);
    expect(rowOf(matrix, 0).has(family)).toBe(true);
    expect(rowOf(matrix, 1).has(family)).toBe(true);
  });

  it('shows each term as its most frequent written form', () => {
    const matrix = buildTermMatrix(
      [
        { id: 'a', terms: ['organize', 'leaflet'], words: ['organised', 'leaflets'] },
        { id: 'b', terms: ['organize', 'leaflet'], words: ['organised', 'leaflet'] },
        { id: 'c', terms: ['organize'], words: ['organise'] },
        { id: 'd', terms: ['other'] },
        { id: 'e', terms: ['other'] },
        { id: 'f', terms: ['thing'] },
        { id: 'g', terms: ['thing'] },
      ],
      { familyPrefixLength: 0 },
    );
    expect(matrix.words[matrix.terms.indexOf('organize')]).toBe('organised');
    // A tie goes to the alphabetically first form.
    expect(matrix.words[matrix.terms.indexOf('leaflet')]).toBe('leaflet');
  });

  it('counts adjacent pairs as terms when asked', () => {
    const pairs = [
      { id: 'a', terms: ['social', 'media', 'dull'] },
      { id: 'b', terms: ['social', 'media', 'weak'] },
      { id: 'c', terms: ['council'] },
      { id: 'd', terms: ['council'] },
      { id: 'e', terms: ['brexit'] },
    ];
    const matrix = buildTermMatrix(pairs, { familyPrefixLength: 0, bigrams: true });
    expect(matrix.terms).toContain('social media');
    expect(buildTermMatrix(pairs, { familyPrefixLength: 0 }).terms).not.toContain('social media');
  });
});
