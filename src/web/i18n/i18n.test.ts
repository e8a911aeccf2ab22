import { describe, expect, it } from 'vitest';
import cy from './cy.json';
import en from './en.json';

type Tree = { readonly [key: string]: string | Tree };

/** Every leaf as a dotted key with its text, so the two languages can be compared key by key. */
function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [childKey, childValue] of leaves(value, path)) out.set(childKey, childValue);
  }
  return out;
}

/** The {{placeholders}} in a string, sorted, so a translation cannot drop or misspell one. */
function placeholders(text: string): string[] {
  return [...text.matchAll(/{{\s*(\w+)\s*}}/g)].map((match) => match[1] ?? '').sort();
}

describe('translations', () => {
  const english = leaves(en);
  const welsh = leaves(cy);

  it('have the same keys in English and Welsh', () => {
    expect([...welsh.keys()].sort()).toEqual([...english.keys()].sort());
  });

  it('have no empty strings', () => {
    for (const [language, strings] of [
      ['en', english],
      ['cy', welsh],
    ] as const) {
      const empty = [...strings].filter(([, text]) => text.trim() === '').map(([key]) => `${language}:${key}`);
      expect(empty).toEqual([]);
    }
  });

  it('use the same placeholders in both languages', () => {
    for (const [key, text] of english) {
      expect(placeholders(welsh.get(key) ?? ''), key).toEqual(placeholders(text));
    }
  });
});
