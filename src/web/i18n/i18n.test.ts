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

const pluralSuffix = /_(zero|one|two|few|many|other)$/;

/** A key without its i18next plural suffix: `dashboard.votes_few` → `dashboard.votes`. */
function baseKey(key: string): string {
  return key.replace(pluralSuffix, '');
}

/** base key → the plural forms a language gives it, for keys that have plural forms. */
function pluralForms(strings: Map<string, string>): Map<string, Set<string>> {
  const forms = new Map<string, Set<string>>();
  for (const key of strings.keys()) {
    const form = pluralSuffix.exec(key)?.[1];
    if (form === undefined) continue;
    const set = forms.get(baseKey(key)) ?? new Set<string>();
    set.add(form);
    forms.set(baseKey(key), set);
  }
  return forms;
}

/** The {{placeholders}} in a string, sorted, so a translation cannot drop or misspell one. */
function placeholders(text: string): string[] {
  return [...text.matchAll(/{{\s*(\w+)\s*}}/g)].map((match) => match[1] ?? '').sort();
}

describe('translations', () => {
  const english = leaves(en);
  const welsh = leaves(cy);

  it('have the same keys in English and Welsh, plural forms aside', () => {
    const keys = (strings: Map<string, string>) => [...new Set([...strings.keys()].map(baseKey))].sort();
    expect(keys(welsh)).toEqual(keys(english));
  });

  it('give every plural key exactly the forms its language counts with', () => {
    // Welsh counts zero, one, two, few (3), many (6) and other; English one and other. i18next also
    // takes an optional `_zero` in any language, for "No votes yet" rather than "0 votes".
    for (const [language, strings] of [
      ['en', english],
      ['cy', welsh],
    ] as const) {
      const needed = new Intl.PluralRules(language).resolvedOptions().pluralCategories;
      for (const [key, forms] of pluralForms(strings)) {
        expect([...forms].filter((form) => form !== 'zero').sort(), `${language}:${key}`).toEqual(
          needed.filter((form) => form !== 'zero').sort(),
        );
        if (needed.includes('zero')) expect(forms.has('zero'), `${language}:${key}_zero`).toBe(true);
      }
    }
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
      if (welsh.has(key)) expect(placeholders(welsh.get(key) ?? ''), key).toEqual(placeholders(text));
    }
    // Welsh-only plural forms (two, few, many) say what English says in its `_other` form.
    for (const [key, text] of welsh) {
      if (english.has(key)) continue;
      const other = english.get(`${baseKey(key)}_other`);
      expect(other, `${key} has no English counterpart`).toBeDefined();
      expect(placeholders(text), key).toEqual(placeholders(other ?? ''));
    }
  });
});
