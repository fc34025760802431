import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { preparedDirectory, writableFile } from './output-paths';

describe('output paths are checked before any work', () => {
  let root: string;
  beforeEach(() => (root = mkdtempSync(join(tmpdir(), 'parity-out-'))));
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('creates missing folders of an export directory, level by level', () => {
    const out = join(root, 'a', 'b', 'c');
    expect(preparedDirectory('--out', out)).toBe(out);
    expect(statSync(out).isDirectory()).toBe(true);
    expect(preparedDirectory('--out', out)).toBe(out);
  });

  it('refuses a directory that is a file, or under one, as a usage error', () => {
    const file = join(root, 'file');
    writeFileSync(file, 'x');
    expect(() => preparedDirectory('--out', file)).toThrow(expect.objectContaining({ code: 'usage', message: `--out: ${file} is a file, not a directory` }));
    expect(() => preparedDirectory('--out', join(file, 'below'))).toThrow(expect.objectContaining({ code: 'usage', message: `--out: ${file} is a file, not a directory` }));
  });

  it('returns at once for a path where a recursive mkdir would not return', () => {
    expect(() => preparedDirectory('--out', '/proc/parity-x/y')).toThrow(expect.objectContaining({ code: 'usage', message: expect.stringMatching(/^--out: (cannot create \/proc\/parity-x|\/proc is not writable)/) }));
  });

  it('checks a file to write: its folder exists, it is no directory', () => {
    expect(writableFile('--export', join(root, 'seals.json'))).toBe(join(root, 'seals.json'));
    expect(() => writableFile('--export', join(root, 'nope', 'seals.json'))).toThrow(expect.objectContaining({ code: 'usage', message: `--export: ${join(root, 'nope')} is not a directory that exists` }));
    expect(() => writableFile('--export', root)).toThrow(expect.objectContaining({ code: 'usage', message: `--export: ${root} is a directory; name a file` }));
  });
});
