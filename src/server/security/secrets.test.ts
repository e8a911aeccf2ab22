import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../env.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(entry.name) ? [path] : [];
  });
}

/** Code that runs in production: not tests, not test or benchmark support. */
const productionFiles = sourceFiles(join(root, 'src'))
  .map((path) => relative(root, path))
  .filter((path) => !/\.test\.tsx?$|\.fixture\.ts$|^src\/test-support\/|load-support\.ts$/.test(path));

describe('secrets come only from the environment', () => {
  it('reads the environment only in the configuration module (and start-up, for PUBLIC_URL)', () => {
    const readers = productionFiles.filter((path) => readFileSync(join(root, path), 'utf8').includes('process.env'));
    expect(readers.sort()).toEqual(['src/server/env.ts', 'src/server/start.ts']);
  });

  it('has no credentials written into the code', () => {
    const credentialPatterns = [
      // A URL with a password in it (postgres://user:secret@…, smtp://…, redis://:secret@…); the
      // examples in configuration messages say `password`, which is no one's password.
      /\b(?:postgres(?:ql)?|smtps?|rediss?):\/\/[^\s:@/'"`]*:(?!password@)[^\s@/'"`]+@/i,
      /-----BEGIN [A-Z ]*PRIVATE KEY-----/,
      /\b(?:api[_-]?key|secret|password)\s*[:=]\s*['"`][A-Za-z0-9+/_-]{16,}['"`]/i,
    ];
    const offenders = productionFiles.flatMap((path) => {
      const text = readFileSync(join(root, path), 'utf8');
      return credentialPatterns.filter((pattern) => pattern.test(text)).map((pattern) => `${path}: ${pattern}`);
    });
    // The check itself works: a real-looking credential is caught.
    expect(credentialPatterns[0]?.test("const url = 'postgres://app:s3cr3t@db:5432/cg'")).toBe(true);
    expect(offenders).toEqual([]);
  });

  it('names a bad setting at start rather than running with it', () => {
    expect(() => loadConfig({ SMTP_URL: 'smtp://mail.example.org:587' })).toThrow(ConfigError);
    expect(() => loadConfig({ RATE_LIMIT_VOTES_PER_MINUTE: 'lots' })).toThrow(/RATE_LIMIT_VOTES_PER_MINUTE/);
    expect(loadConfig({}).routeRateLimits).toBe(true);
  });
});
