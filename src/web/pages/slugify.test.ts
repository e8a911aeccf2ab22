import { describe, expect, it } from 'vitest';
import { slugify } from './slugify.js';

describe('slugify', () => {
  it('makes a slug the server accepts from any title', () => {
    expect(slugify('Listening in the valleys')).toBe('listening-in-the-valleys');
    expect(slugify('  Ble nesaf? Adolygiad ŵyl 2026!  ')).toBe('ble-nesaf-adolygiad-wyl-2026');
    expect(slugify('a'.repeat(100))).toHaveLength(80);
    expect(slugify('---')).toBe('');
  });
});
