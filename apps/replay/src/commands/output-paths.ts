import { accessSync, constants, mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { UsageError } from './shared';

/**
 * The directory `option` names, made ready before any work (a usage error otherwise): an
 * export that reads and verifies the whole log and then cannot write is an hour lost, and
 * Node's recursive mkdir never returns for some paths (`/proc/x/y`), so missing folders are made
 * one level at a time under the nearest one that exists and is writable.
 */
export function preparedDirectory(option: string, path: string): string {
  const target = resolve(path);
  const missing: string[] = [];
  let existing = target;
  while (kindOf(existing) === 'missing') {
    missing.unshift(existing);
    const parent = dirname(existing);
    if (parent === existing) break;
    existing = parent;
  }
  if (kindOf(existing) !== 'directory') throw new UsageError(`${option}: ${existing} is a file, not a directory`);
  writable(option, existing);
  for (const folder of missing) {
    try {
      mkdirSync(folder);
    } catch (error) {
      throw new UsageError(`${option}: cannot create ${folder} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
    }
  }
  return target;
}

/** A file `option` names, checked before any work: its folder exists and is writable, and it is no directory. */
export function writableFile(option: string, path: string): string {
  const target = resolve(path);
  const folder = dirname(target);
  if (kindOf(folder) !== 'directory') throw new UsageError(`${option}: ${folder} is not a directory that exists`);
  const kind = kindOf(target);
  if (kind === 'directory') throw new UsageError(`${option}: ${target} is a directory; name a file`);
  writable(option, kind === 'file' ? target : folder);
  return target;
}

function writable(option: string, path: string): void {
  try {
    accessSync(path, constants.W_OK);
  } catch {
    throw new UsageError(`${option}: ${path} is not writable`);
  }
}

function kindOf(path: string): 'missing' | 'directory' | 'file' {
  try {
    return statSync(path).isDirectory() ? 'directory' : 'file';
  } catch {
    return 'missing';
  }
}
