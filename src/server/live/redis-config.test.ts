import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../env.js';

describe('REDIS_URL', () => {
  it('is optional: without it live updates use the database', () => {
    expect(loadConfig({}).redisUrl).toBeNull();
    expect(loadConfig({ REDIS_URL: '  ' }).redisUrl).toBeNull();
  });

  it('accepts redis:// and rediss:// addresses', () => {
    expect(loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379' }).redisUrl).toBe('redis://127.0.0.1:6379');
    expect(loadConfig({ REDIS_URL: 'rediss://user:secret@cache.example.org:6380/1' }).redisUrl).toBe(
      'rediss://user:secret@cache.example.org:6380/1',
    );
  });

  it('stops the start with a message naming the variable for anything else', () => {
    for (const value of ['http://127.0.0.1:6379', '127.0.0.1:6379', 'not a url']) {
      expect(() => loadConfig({ REDIS_URL: value })).toThrow(ConfigError);
      expect(() => loadConfig({ REDIS_URL: value })).toThrow(/REDIS_URL/);
    }
  });
});
