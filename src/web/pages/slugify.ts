import { limits } from '../../contract/limits.js';

/** A URL-safe slug from a title: lower case, ASCII letters and digits, single hyphens (what the API accepts). */
export function slugify(title: string): string {
  return title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, limits.slugMaxLength)
    .replace(/-+$/g, '');
}
