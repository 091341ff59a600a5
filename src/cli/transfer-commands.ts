import { cliContext, loadConfig, required, UsageError, withServices, type Command } from './common.ts';

/** `together transfer export` and `import`: one organisation's records moving to another installation (README: Agency transfer). */
export const TRANSFER_COMMANDS: Record<string, Command> = {
  'transfer export': {
    usage: 'together transfer export --organisation ID --out FILE',
    help: 'Write one organisation’s records to a bundle (a zip): its rows as JSON and CSV per table, its stored files, a data dictionary and a manifest with every file’s SHA-256, from one consistent snapshot. Audited here as transfer.export, naming the bundle by its SHA-256.',
    options: { organisation: { type: 'string' }, out: { type: 'string' } },
    run: async (values) => {
      const organisationId = required(values, 'organisation');
      const out = required(values, 'out');
      if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(organisationId))
        throw new UsageError('--organisation must be an organisation’s id');
      const [{ exportOrganisation }, { BackupRefused }] = await Promise.all([import('../platform/backup/transfer.ts'), import('../platform/backup/format.ts')]);
      return withServices(await loadConfig(), async (services, database) => {
        let result;
        try {
          result = await exportOrganisation(database.db.url, organisationId, out);
        } catch (error) {
          if (!(error instanceof BackupRefused)) throw error;
          process.stderr.write(`together: transfer export refused: ${error.message}\n`);
          return 1;
        }
        // Named by its SHA-256, never its path; the organisation by id.
        await services.audit.recordStandalone(cliContext(), {
          action: 'transfer.export',
          resourceType: 'organisation',
          resourceId: organisationId,
          detail: { bundleSha256: result.sha256, tables: result.manifest.tables.length, rows: result.rows },
        });
        await services.audit.seal();
        process.stdout.write(
          `Exported ${result.manifest.tables.length} tables, ${result.rows} rows of ${result.manifest.organisation.slug} (SHA-256 ${result.sha256}).\n`,
        );
        return 0;
      });
    },
  },
  'transfer import': {
    usage: 'together transfer import FILE',
    help: 'Load a bundle from `together transfer export` into this installation (a fresh database): refuses it, changing nothing, if any file differs from the manifest’s SHA-256 or its schema version is not this release’s; otherwise loads it in one transaction and records transfer.import in this installation’s audit log.',
    options: {},
    run: async (_values, positionals) => {
      const file = positionals[0];
      if (!file || positionals.length > 1) throw new UsageError('give the bundle file to import');
      const [{ openDatabase }, { migrateDatabase, codeSchemaVersion }, transfer, { BackupRefused }] = await Promise.all([
        import('../platform/db/open.ts'),
        import('../platform/db/migrate.ts'),
        import('../platform/backup/transfer.ts'),
        import('../platform/backup/format.ts'),
      ]);
      const config = await loadConfig();
      let bundle;
      let loaded;
      try {
        bundle = await transfer.openBundle(file);
        transfer.checkTransferSchema(bundle.manifest.schema, await codeSchemaVersion());
        const database = await openDatabase(config, { owner: false, migrate: false, poolSize: 2 });
        try {
          await migrateDatabase(database.db);
          loaded = await transfer.importBundle(database.db.url, bundle);
        } finally {
          await database.close();
        }
      } catch (error) {
        if (!(error instanceof BackupRefused)) throw error;
        process.stderr.write(`together: transfer import refused: ${error.message}\n`);
        return 1;
      }
      await withServices(config, async (services) => {
        await services.audit.recordStandalone(cliContext(), {
          action: 'transfer.import',
          resourceType: 'organisation',
          resourceId: bundle.manifest.organisation.id,
          detail: { bundleSha256: bundle.sha256, exportedAt: bundle.manifest.createdAt, tables: loaded.tables, rows: loaded.rows },
        });
        await services.audit.seal();
      });
      process.stdout.write(`Imported ${loaded.tables} tables, ${loaded.rows} rows of ${bundle.manifest.organisation.slug}.\n`);
      return 0;
    },
  },
};
