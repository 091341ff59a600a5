import { readFileSync } from 'node:fs';
import { cliContext, loadConfig, UsageError, withServices, type Command } from './common.ts';

/**
 * The passphrase of an encrypted backup: TOGETHER_BACKUP_PASSPHRASE, or the first line of the file
 * TOGETHER_BACKUP_PASSPHRASE_FILE names, or typed at a prompt. Never an argument: a command line
 * is seen by every user of the machine and kept in shell histories and logs.
 */
function passphraseFromEnvironment(): string | undefined {
  if (process.env.TOGETHER_BACKUP_PASSPHRASE) return process.env.TOGETHER_BACKUP_PASSPHRASE;
  const file = process.env.TOGETHER_BACKUP_PASSPHRASE_FILE;
  if (!file) return undefined;
  try {
    return readFileSync(file, 'utf8').split('\n')[0]!.trimEnd();
  } catch {
    throw new UsageError(`cannot read TOGETHER_BACKUP_PASSPHRASE_FILE (${file})`);
  }
}

/** Reads a line from the terminal without showing it. */
async function prompt(question: string): Promise<string> {
  if (!process.stdin.isTTY) return '';
  process.stderr.write(question);
  process.stdin.setRawMode(true);
  process.stdin.resume();
  let typed = '';
  try {
    for await (const chunk of process.stdin) {
      for (const ch of (chunk as Buffer).toString('utf8')) {
        if (ch === '\r' || ch === '\n') return typed;
        if (ch === '\u0003') throw new UsageError('cancelled');
        if (ch === '\u007f' || ch === '\b') typed = typed.slice(0, -1);
        else typed += ch;
      }
    }
    return typed;
  } finally {
    process.stdin.setRawMode(false);
    process.stdin.pause();
    process.stderr.write('\n');
  }
}

async function newPassphrase(): Promise<string> {
  const given = passphraseFromEnvironment();
  if (given) return given;
  if (!process.stdin.isTTY) throw new UsageError('--encrypt needs TOGETHER_BACKUP_PASSPHRASE or TOGETHER_BACKUP_PASSPHRASE_FILE when not run in a terminal');
  const first = await prompt('Passphrase for the backup: ');
  const again = await prompt('The same again: ');
  if (first !== again) throw new UsageError('the two passphrases differ');
  return first;
}

const seconds = (since: number) => ((Date.now() - since) / 1000).toFixed(1);

async function backupOnce(file: string, encrypt: boolean): Promise<void> {
  const [{ openDatabase }, { takeBackup }] = await Promise.all([import('../platform/db/open.ts'), import('../platform/backup/backup.ts')]);
  const passphrase = encrypt || passphraseFromEnvironment() ? await newPassphrase() : undefined;
  const started = Date.now();
  const database = await openDatabase(await loadConfig(), { owner: false, migrate: false, poolSize: 1 });
  try {
    const result = await takeBackup(database.db.url, file, { passphrase });
    const rows = result.manifest.tables.reduce((n, t) => n + t.rows, 0);
    process.stdout.write(
      `Backed up ${result.manifest.tables.length} tables, ${rows} rows (schema: ${result.manifest.schema.migrations} migrations) to ${file}: ${result.bytes} bytes, ${result.encrypted ? 'encrypted' : 'not encrypted'}, in ${seconds(started)} s.\nSHA-256 ${result.sha256} (also in ${file}.sha256)\n`,
    );
  } finally {
    await database.close();
  }
}

/** The dated backups of a folder, newest first. */
async function datedBackups(dir: string): Promise<string[]> {
  const { readdir } = await import('node:fs/promises');
  return (await readdir(dir))
    .filter((name) => /^together-\d{8}T\d{6}Z\.backup$/.test(name))
    .sort()
    .reverse();
}

async function backupIntoFolder(dir: string, keep: number, encrypt: boolean): Promise<void> {
  const [{ mkdir, rm }, path] = await Promise.all([import('node:fs/promises'), import('node:path')]);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const stamp = new Date()
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  await backupOnce(path.join(dir, `together-${stamp}.backup`), encrypt);
  for (const old of (await datedBackups(dir)).slice(keep)) {
    await rm(path.join(dir, old), { force: true });
    await rm(path.join(dir, `${old}.sha256`), { force: true });
    process.stdout.write(`Removed ${old} (keeping ${keep}).\n`);
  }
}

/** Milliseconds until the next HH:MM (UTC). */
function untilNext(at: string, now = new Date()): number {
  const [h, m] = at.split(':').map(Number) as [number, number];
  const next = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), h, m));
  if (next.getTime() <= now.getTime()) next.setUTCDate(next.getUTCDate() + 1);
  return next.getTime() - now.getTime();
}

export const BACKUP_COMMANDS: Record<string, Command> = {
  backup: {
    usage: 'together backup (FILE | --dir DIR [--keep N] [--schedule] [--at HH:MM]) [--encrypt]',
    help: 'Write a consistent snapshot of the whole database (embedded or DATABASE_URL) while the service runs: every table in one REPEATABLE READ transaction, with the schema version and a SHA-256 manifest (and FILE.sha256 beside it). Encrypted (AES-256-GCM) with the passphrase in TOGETHER_BACKUP_PASSPHRASE or TOGETHER_BACKUP_PASSPHRASE_FILE, or typed at a prompt with --encrypt. With --dir, a dated file in DIR keeping the newest N (default 14); with --schedule, one every day at --at (UTC, default 02:30) until stopped.',
    options: { dir: { type: 'string' }, keep: { type: 'string' }, schedule: { type: 'boolean' }, at: { type: 'string' }, encrypt: { type: 'boolean' } },
    run: async (values, positionals) => {
      const encrypt = Boolean(values.encrypt);
      const dir = values.dir as string | undefined;
      if (positionals.length > 1) throw new UsageError('give one backup file');
      if (!dir) {
        if (values.keep || values.schedule || values.at) throw new UsageError('--keep, --schedule and --at go with --dir');
        if (!positionals[0]) throw new UsageError('give the file to write, or --dir DIR');
        await backupOnce(positionals[0], encrypt);
        return 0;
      }
      if (positionals[0]) throw new UsageError('give a file or --dir, not both');
      const keep = values.keep === undefined ? 14 : Number(values.keep);
      if (!Number.isInteger(keep) || keep < 1 || keep > 3650) throw new UsageError('--keep must be a whole number from 1 to 3650');
      const at = (values.at as string | undefined) ?? '02:30';
      if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(at)) throw new UsageError('--at must look like 02:30');
      if (!values.schedule) {
        await backupIntoFolder(dir, keep, encrypt);
        return 0;
      }
      // Ask for a typed passphrase once, not every night.
      if (encrypt && !passphraseFromEnvironment()) process.env.TOGETHER_BACKUP_PASSPHRASE = await newPassphrase();
      for (;;) {
        const wait = untilNext(at);
        process.stdout.write(`Next backup at ${new Date(Date.now() + wait).toISOString()}.\n`);
        await new Promise((resolve) => setTimeout(resolve, wait));
        try {
          await backupIntoFolder(dir, keep, encrypt);
        } catch (error) {
          // One failed night is said and the schedule goes on.
          process.stderr.write(`together: the backup failed: ${(error as Error).message}\n`);
        }
      }
    },
  },
  restore: {
    usage: 'together restore FILE',
    help: 'Restore a backup into a new, empty database (embedded under DATA_DIR, or DATABASE_URL): checks the whole file against its manifest and its schema version against this release before writing anything, then loads it in one transaction and adds one audit entry saying so (the backup named by its SHA-256 and when it was taken). Refuses a file that does not match. An encrypted backup takes its passphrase as `together backup` does.',
    options: {},
    run: async (_values, positionals) => {
      const file = positionals[0];
      if (!file || positionals.length > 1) throw new UsageError('give the backup file to restore');
      const started = Date.now();
      const [{ openDatabase }, { migrateDatabase, codeSchemaVersion }, restore, { BackupRefused }] = await Promise.all([
        import('../platform/db/open.ts'),
        import('../platform/db/migrate.ts'),
        import('../platform/backup/restore.ts'),
        import('../platform/backup/format.ts'),
      ]);
      const config = await loadConfig();
      let restored: import('../platform/backup/restore.ts').RestoreResult | undefined;
      try {
        const backup = await restore.openBackup(file, async () => passphraseFromEnvironment() ?? (await prompt('Passphrase of the backup: ')));
        const code = await codeSchemaVersion();
        restore.checkSchema(backup.header.schema, code);
        const manifest = await restore.readBody(backup);
        restore.checkSchema(manifest.schema, code);
        process.stdout.write(`Checked ${file}: ${manifest.tables.length} tables match the manifest (taken ${manifest.createdAt}).\n`);
        const database = await openDatabase(config, { owner: false, migrate: false, poolSize: 2 });
        try {
          await restore.checkEmpty(database.db.url);
          await migrateDatabase(database.db);
          restored = await restore.loadBackup(database.db.url, backup, manifest);
          process.stdout.write(`Restored ${restored.tables} tables, ${restored.rows} rows in ${seconds(started)} s.\n`);
        } finally {
          await database.close();
        }
      } catch (error) {
        if (error instanceof BackupRefused) {
          process.stderr.write(`together: restore refused: ${error.message}\n`);
          return 1;
        }
        throw error;
      }
      // The restore is the restored database's own next audit entry, chained onto the backup's head.
      // The backup is named by its SHA-256 and when it was taken, never by its path.
      const backupSha256 = await restore.fileSha256(file);
      await withServices(config, async (services) => {
        await services.audit.recordStandalone(cliContext(), {
          action: 'backup.restore',
          resourceType: 'backup',
          resourceId: backupSha256,
          detail: { backupSha256, takenAt: restored.manifest.createdAt, tables: restored.tables, rows: restored.rows },
        });
        await services.audit.seal();
      });
      process.stdout.write(
        'Now run `together audit verify`: the audit chain must hold as it did when the backup was taken, with this restore as its newest entry.\n',
      );
      return 0;
    },
  },
};
