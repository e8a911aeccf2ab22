import { describe, expect, it } from 'vitest';
import { runCli } from './main.js';

function capture() {
  const output = { stdout: '', stderr: '' };
  return {
    output,
    io: { stdout: (text: string) => (output.stdout += text), stderr: (text: string) => (output.stderr += text) },
  };
}

describe('common-ground CLI', () => {
  it('prints usage for help and refuses unknown commands with exit code 2', async () => {
    const help = capture();
    expect(await runCli(['help'], help.io)).toBe(0);
    expect(help.output.stdout).toContain('analyze --polis DIR');
    const unknown = capture();
    expect(await runCli(['frobnicate'], unknown.io)).toBe(2);
    expect(unknown.output.stderr).toContain('unknown command "frobnicate"');
  });

  it('hands analyze to the analysis command, which names what is wrong', async () => {
    const missing = capture();
    expect(await runCli(['analyze', '--polis', '/nonexistent/folder', '--json'], missing.io)).toBe(2);
    expect(missing.output.stdout).toBe('');
    expect(missing.output.stderr).toMatch(/nonexistent/);
  });
});
