import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { repositoryRoot } from '@parity/local-stack';

const run = promisify(execFile);

/** `npm run scorecard -- <args>` as a script runs it: the exit code and what it printed. */
async function scorecard(args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [resolve(repositoryRoot(), 'dist', 'apps', 'simulator', 'src', 'scorecard.js'), ...args], { env: { ...process.env, DATABASE_URL: '' } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    if (typeof failed.code !== 'number') throw error;
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('npm run scorecard: a malformed --database-url is a bad argument (2), as for the parity CLI', () => {
  let directory = '';
  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'scorecard-'));
  });
  afterAll(() => rm(directory, { recursive: true, force: true }));

  it('refuses a URL pg would misread instead of failing later as an unreachable database (3)', async () => {
    const truth = join(directory, 'truth.json');
    await writeFile(truth, JSON.stringify({ scenario: 'black-friday', seed: 1, scoringTime: '2026-11-28T12:00:00Z', expected: [] }));
    for (const [url, reason] of [
      ['notaurl', /DATABASE_URL: is not a PostgreSQL URL: expected postgres:\/\/user:password@host:port\/database/],
      ['postgres://%zz@host/db', /DATABASE_URL: has a broken percent-escape/],
    ] as const) {
      const result = await scorecard(['--truth', truth, '--database-url', url]);
      expect({ url, code: result.code, stdout: result.stdout }).toEqual({ url, code: 2, stdout: '' });
      expect(result.stderr).toMatch(reason);
    }
  });
});
