#!/usr/bin/env node
import { Command } from 'commander';
import { asOfCommand } from './commands/as-of.command';
import { exportCommand } from './commands/export.command';
import { replayCommand } from './commands/replay.command';
import { sealCommand } from './commands/seal.command';
import { EXIT, isUsage } from './commands/shared';
import { verifyCommand } from './commands/verify.command';

export { EXIT };

// The shell's one clock: commands get it as a function, the audit core gets times as data.
const now = () => Date.now();

const program = new Command()
  .name('parity')
  .description('Parity audit command line: replay, as-of, verify, seal and export, all from the event log')
  // A hint, not the whole help: the error is the line a person needs to see.
  .showHelpAfterError('(run with --help for usage)')
  .exitOverride()
  .addHelpText('after', '\nExit codes (every command): 0 success, 1 the check failed (replay differs, log does not verify), 2 usage or configuration error, 3 database unreachable or another infrastructure error.');

for (const command of [replayCommand(now), asOfCommand(), verifyCommand(), sealCommand(now), exportCommand(now)]) {
  program.addCommand(command.showHelpAfterError(`(run parity ${command.name()} --help for usage)`).exitOverride());
}

// `parity as-of ... | head -1`: the reader has gone. Nothing more can be shown; the command still
// ends with its own exit code instead of an EPIPE stack trace and exit 1 ("the check failed").
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE' && error.code !== 'ERR_STREAM_DESTROYED') throw error;
});

async function main(argv: string[]): Promise<void> {
  try {
    await program.parseAsync(argv);
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'commander.helpDisplayed' || code === 'commander.version' || code === 'commander.help') return;
    if (code?.startsWith('commander.') || isUsage(error)) {
      if (!code?.startsWith('commander.')) process.stderr.write(`parity: ${(error as Error).message}\n`);
      process.exitCode = EXIT.usage;
      return;
    }
    process.stderr.write(`parity: ${(error as Error).message}\n`);
    process.exitCode = EXIT.infrastructure;
  }
}

void main(process.argv);
