import type { Config } from '../../config.ts';
import { startEmbedded } from './embedded.ts';
import { migrateDatabase } from './migrate.ts';
import { appPasswordFor, connect, type Db } from './pool.ts';

export type OpenDatabase = { db: Db; embedded: boolean; close: () => Promise<void> };

/**
 * The database the configuration names: DATABASE_URL when set, else the embedded server under
 * DATA_DIR. `serve` owns the embedded server; other commands share a running one.
 */
export async function openDatabase(
  config: Pick<Config, 'databaseUrl' | 'dataDir' | 'appDatabasePassword'>,
  options: { owner: boolean; migrate?: boolean; poolSize?: number; log?: (line: string) => void },
): Promise<OpenDatabase> {
  let url = config.databaseUrl;
  let stopEmbedded = async () => {};
  if (!url) {
    const server = await startEmbedded(config.dataDir, { shareRunning: !options.owner, log: options.log });
    url = server.url;
    stopEmbedded = server.stop;
  }
  const appPassword = appPasswordFor(url, { configured: config.appDatabasePassword, dataDir: config.dataDir });
  const db = connect(url, { max: options.poolSize, appPassword, log: options.log });
  try {
    if (options.migrate !== false) await migrateDatabase(db);
  } catch (error) {
    await db.close();
    await stopEmbedded();
    throw error;
  }
  return {
    db,
    embedded: !config.databaseUrl,
    close: async () => {
      await db.close();
      await stopEmbedded();
    },
  };
}
