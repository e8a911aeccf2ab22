import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../../bin/common-ground.js', import.meta.url));

export interface CommandResult {
  code: number;
  stdout: string;
  /** Without npm's own warnings about the user's npm configuration, which are not ours. */
  stderr: string;
}

/**
 * Runs the real `common-ground` entry point (what `npx common-ground` runs) in a child process with
 * `DATABASE_URL` set, and collects its exit code and output.
 */
export function runCommonGround(
  args: readonly string[],
  environment: { DATABASE_URL: string; PUBLIC_URL?: string },
): Promise<CommandResult> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { env: { ...process.env, ...environment } }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
      resolve({ code, stdout, stderr: stderr.replace(/^npm warn.*\n/gm, '') });
    });
  });
}
