import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The alerts core gets time, randomness and configuration as arguments (the shell reads them). */
const AMBIENT = [/Date\.now\(/, /new Date\(\)/, /Math\.random\(/, /randomUUID\(/, /randomInt\(/, /process\.env/, /performance\.now\(/];
const IO = [/from '(node:)?(fs|net|http|https|dns|child_process)(\/promises)?'/, /from '(@nestjs|pg|kafkajs|nodemailer|pino)/];

describe('the alerts core reads no clock, randomness or environment, and does no I/O', () => {
  const files = readdirSync(__dirname).filter((name) => /(?<!\.spec)\.ts$/.test(name) && name !== 'test-findings.ts');

  it('finds the files it checks', () => {
    expect(files.length).toBeGreaterThan(10);
  });

  it.each(files)('%s', (name) => {
    const text = readFileSync(join(__dirname, name), 'utf8');
    expect([...AMBIENT, ...IO].filter((pattern) => pattern.test(text)).map(String)).toEqual([]);
  });
});
