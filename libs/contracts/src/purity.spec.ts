import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Time, ids, randomness and configuration come into the pure core as arguments, never from ambient state. */
const AMBIENT = [/Date\.now\(/, /new Date\(\)/, /Math\.random\(/, /randomUUID\(/, /process\.env/, /performance\.now\(/];
const PURE_LIBS = ['libs/contracts/src', 'libs/rules/src'];

function sources(dir: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return [];
  }
  return entries.flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /(?<!\.spec|\.int-spec)\.ts$/.test(name) ? [path] : [];
  });
}

describe('the pure core reads no clock, randomness or environment', () => {
  const root = join(__dirname, '../../..');
  const files = PURE_LIBS.flatMap((lib) => sources(join(root, lib)));

  it('finds the files it checks', () => {
    expect(files.length).toBeGreaterThan(5);
  });

  it.each(files.map((file) => [file.slice(root.length + 1), file]))('%s', (_name, file) => {
    const text = readFileSync(file, 'utf8');
    expect(AMBIENT.filter((pattern) => pattern.test(text)).map(String)).toEqual([]);
  });
});
