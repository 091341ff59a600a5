import { readFileSync } from 'node:fs';
import { cliActor, cliContext, loadConfig, required, translate, UsageError, withServices, type Command } from './common.ts';

/** Work on the records: importing referrals, postcodes, the audit log, the matcher, the outbox, a TOTP code. */
export const RECORD_COMMANDS: Record<string, Command> = {
  'import referrals': {
    usage: 'together import referrals FILE (--token TOKEN | --email REFERRER) [--valid-only]',
    help: 'Import referrals from a CSV file (one row per child; a shared referral key makes a sibling group) as a local authority referrer: the owner of a personal access token with write access (--token, or TOGETHER_TOKEN in the environment), or, for the operator of the server, the person named by --email. Nothing is imported unless every row is right, or with --valid-only the valid referrals are. Prints every rejected row with its reason.',
    options: { email: { type: 'string' }, token: { type: 'string' }, 'valid-only': { type: 'boolean' } },
    run: async (values, positionals) => {
      const file = positionals[0];
      if (!file) throw new UsageError('give the CSV file to import');
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch {
        throw new UsageError(`cannot read ${file}`);
      }
      const en = await translate();
      return withServices(await loadConfig(), async (services) => {
        const actor = await cliActor(services, values);
        const report = await services.referralImport.importReferrals({ ...cliContext(), actor }, text, values['valid-only'] ? 'valid-only' : 'all-or-nothing');
        for (const r of report.rejected) process.stdout.write(`row ${r.row}: ${r.field}: ${en(r.key, r.params)}\n`);
        process.stdout.write(
          report.committed ? `${en('imports:report.imported', { referrals: report.referrals, children: report.imported })}\n` : 'Nothing was imported.\n',
        );
        return report.rejected.length > 0 && !report.committed ? 1 : 0;
      });
    },
  },
  'postcodes load': {
    usage: 'together postcodes load FILE',
    help: 'Load postcode centroids (CSV with postcode or pcds, latitude or lat, longitude or long) used for the safety distance from birth families and the distance to important people. A file with any bad row loads nothing and every bad line is printed.',
    options: {},
    run: async (_values, positionals) => {
      const file = positionals[0];
      if (!file) throw new UsageError('give the CSV file of postcode centroids');
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch {
        throw new UsageError(`cannot read ${file}`);
      }
      const { readCentroids, loadCentroids } = await import('../modules/matching/index.ts');
      const { rows, problems } = readCentroids(text);
      if (problems.length) {
        for (const problem of problems.slice(0, 50)) process.stdout.write(`${problem}\n`);
        process.stdout.write('Nothing was loaded.\n');
        return 1;
      }
      return withServices(await loadConfig(), async (services) => {
        const loaded = await loadCentroids(services.runner, cliContext(), rows, file);
        process.stdout.write(`Loaded ${loaded} postcode centroids.\n`);
        return 0;
      });
    },
  },
  'audit verify': {
    usage: 'together audit verify',
    help: 'Check the audit log’s hash chain; exit 1 and name the first broken entry if a row was altered.',
    options: {},
    run: async () =>
      withServices(await loadConfig(), async (services) => {
        const { auditVerifyFailed, auditVerifyReport } = await import('../platform/audit/verify-report.ts');
        try {
          const result = await services.audit.verify(cliContext());
          process.stdout.write(`${auditVerifyReport(result)}\n`);
          return auditVerifyFailed(result) ? 1 : 0;
        } catch (error) {
          // Never a raw database error: say what could not be done, with the server's code to look up.
          const code = (error as { cause?: { code?: string }; code?: string }).cause?.code ?? (error as { code?: string }).code;
          process.stderr.write(`The audit log could not be checked: the database refused${code ? ` (code ${code})` : ''}. Nothing was changed.\n`);
          return 1;
        }
      }),
  },
  'audit checkpoint': {
    usage: 'together audit checkpoint',
    help: 'Seal waiting audit entries and append a signed checkpoint of the chain head to AUDIT_CHECKPOINT_FILE (the server also does this every AUDIT_CHECKPOINT_MINUTES and when it stops).',
    options: {},
    run: async () =>
      withServices(await loadConfig(), async (services) => {
        const written = await services.audit.checkpoint();
        process.stdout.write(written ? `Checkpoint written at entry ${written.seq}.\n` : 'The chain head has not moved since the last checkpoint.\n');
        return 0;
      }),
  },
  match: {
    usage: 'together match --input problem.json [--output result.json]',
    help: 'Solve an assignment problem in a JSON file (groups, families, allowed pairs with scores): the most children placed, then the highest total score. Writes the result as JSON to --output or standard output. Needs no database.',
    options: { input: { type: 'string' }, output: { type: 'string' } },
    run: async (values) => {
      // Loaded on use, alone: the solver and its checks, without the matching module's pages and services.
      const { runMatch, ProblemError } = await import('../modules/matching/match-command.ts');
      try {
        const { json } = runMatch({ input: required(values, 'input'), output: typeof values.output === 'string' ? values.output : undefined });
        if (values.output === undefined) process.stdout.write(json);
      } catch (error) {
        throw error instanceof ProblemError ? new UsageError(error.message) : error;
      }
      return 0;
    },
  },
  'outbox show': {
    usage: 'together outbox show ID (--token TOKEN)',
    help: 'Print one queued e-mail (recipient, subject, body with its links) by the outbox id the server logs, for trying the demo without a mail server. Only for an administrator: their personal access token with --token, or TOGETHER_TOKEN in the environment.',
    options: { token: { type: 'string' } },
    run: async (_values, positionals) => {
      const id = positionals[0];
      if (!id || positionals.length > 1) throw new UsageError('give the outbox id of one message');
      return withServices(await loadConfig(), async (services) => {
        const actor = await cliActor(services, _values, { access: 'read', email: false });
        const { formatOutboxMessage } = await import('../platform/mail/service.ts');
        process.stdout.write(formatOutboxMessage(await services.outbox.show({ ...cliContext(), actor }, id)));
        return 0;
      });
    },
  },
  sar: {
    usage: 'together sar (--person ID | --child ID) [--out DIR]',
    help: 'Answer a subject access request: write everything the platform holds on one person (an applicant or an account, by id) into DIR (default subject-access-ID): a README, the records as JSON with other people’s names redacted, and manifest.json with the SHA-256 of every file, and summary.pdf in English and Welsh; for an applicant, their training, preparation and support and the case documents filed on their family (documents/, their SHA-256 in the manifest). Audited as the operator. Review the files before sending them. With --child: everything held about a child, the case documents filed on them, their sibling group and their matches included, and a PDF summary.',
    options: { person: { type: 'string' }, child: { type: 'string' }, out: { type: 'string' } },
    run: async (values) => {
      const isChild = typeof values.child === 'string';
      const person = isChild ? required(values, 'child') : required(values, 'person');
      if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(person))
        throw new UsageError(isChild ? '--child must be the id of a child' : '--person must be the id of an applicant or an account');
      const [{ mkdir, readdir, writeFile }, path] = await Promise.all([import('node:fs/promises'), import('node:path')]);
      const out = typeof values.out === 'string' && values.out ? values.out : `subject-access-${person}`;
      const existing = await readdir(out).catch(() => []);
      if (existing.length) throw new UsageError(`${out} is not empty: give another --out`);
      return withServices(await loadConfig(), async (services) => {
        const { NotFoundError } = await import('../platform/http/errors.ts');
        let gathered;
        try {
          gathered = isChild
            ? { ...(await services.subjectAccess.gatherChild(cliContext(), person)), kind: 'child' }
            : await services.subjectAccess.gather(cliContext(), person);
        } catch (error) {
          if (error instanceof NotFoundError) {
            process.stderr.write(`together: no ${isChild ? 'child' : 'applicant or account'} with id ${person}\n`);
            return 1;
          }
          throw error;
        }
        // Personal data: readable by the operator only.
        await mkdir(out, { recursive: true, mode: 0o700 });
        for (const file of gathered.files) {
          await mkdir(path.dirname(path.join(out, file.name)), { recursive: true, mode: 0o700 });
          await writeFile(path.join(out, file.name), file.content, { mode: 0o600 });
        }
        process.stdout.write(`Wrote ${gathered.files.length} files for ${gathered.kind} ${person} to ${out} (see README.md and manifest.json).\n`);
        return 0;
      });
    },
  },
  'totp-code': {
    usage: 'together totp-code KEY',
    help: 'Print the current 6-digit code for an authenticator key (for trying the demo without a phone).',
    options: {},
    run: async (_values, positionals) => {
      const key = positionals.join('').replace(/\s+/g, '');
      if (!/^[A-Z2-7]+=*$/i.test(key)) throw new UsageError('give the authenticator key (base32) as the argument');
      const { currentTotp } = await import('../platform/auth/totp.ts');
      process.stdout.write(`${currentTotp(key.toUpperCase())}\n`);
      return 0;
    },
  },
};
