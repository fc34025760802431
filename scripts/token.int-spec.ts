import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { repositoryRoot } from '@parity/local-stack';

const run = promisify(execFile);
const SECRET = 'a-test-secret-of-at-least-32-characters';

/** `npm run token -- <args>` as a script runs it: the exit code and what it printed. */
async function token(args: readonly string[], secret = SECRET): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [resolve(repositoryRoot(), 'dist', 'scripts', 'token.js'), ...args], { env: { ...process.env, PARITY_AUTH_SECRET: secret } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    if (typeof failed.code !== 'number') throw error;
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('npm run token: exit codes as the parity CLI', () => {
  it('issues a token (0) and shows its help (0)', async () => {
    expect(await token(['--name', 'anna', '--role', 'ops'])).toMatchObject({ code: 0, stdout: expect.stringMatching(/^eyJ[\w-]+\.[\w-]+\.[\w-]+\n$/) });
    expect(await token(['--help'])).toMatchObject({ code: 0, stdout: expect.stringContaining('--role <role>') });
  });

  it('a bad argument is a usage error (2) with the reason, as a missing secret is a configuration error (2)', async () => {
    for (const [args, reason] of [
      [['--name', 'anna', '--role', 'root'], /argument 'root' is invalid/],
      [['--name', 'anna'], /required option '--role <role>' not specified/],
      [['--name', 'anna', '--role', 'ops', '--ttl', '5x'], /use a number and a unit/],
      [['--name', 'anna', '--role', 'ops', '--bogus'], /unknown option '--bogus'/],
    ] as const) {
      const result = await token(args);
      expect({ args, code: result.code, stdout: result.stdout }).toEqual({ args, code: 2, stdout: '' });
      expect(result.stderr).toMatch(reason);
    }
    const noSecret = await token(['--name', 'anna', '--role', 'ops'], '');
    expect(noSecret.code).toBe(2);
    expect(noSecret.stderr).toMatch(/PARITY_AUTH_SECRET/);
  });
});
