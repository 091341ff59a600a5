import { loadConfig, serve, UsageError, withServices, type Command } from './common.ts';

/** Serving the platform: serve, migrate and the demo. */
export const SERVER_COMMANDS: Record<string, Command> = {
  serve: {
    usage: 'together serve',
    help: 'Migrate the database and serve the platform (PORT, HOST, DATA_DIR, DATABASE_URL).',
    options: {},
    run: async () => serve(await loadConfig(), { demo: false }),
  },
  migrate: {
    usage: 'together migrate',
    help: 'Apply the committed database migrations.',
    options: {},
    run: async () => {
      // Opening the database applies the migrations; there is nothing else to do.
      await withServices(await loadConfig(), () => Promise.resolve());
      process.stdout.write('Migrations applied.\n');
      return 0;
    },
  },
  demo: {
    usage: 'together demo [--children N] [--families N] [--seed S] [--serve]',
    help: 'Fill the database with synthetic demo data once (organisations, one person per role, N children, default 60, recruitment campaigns and N adopter households, default 40; a second run reuses it) and print the demo sign-ins. With --serve, then serve.',
    options: { seed: { type: 'string' }, children: { type: 'string' }, families: { type: 'string' }, serve: { type: 'boolean' } },
    run: async (values) => {
      const config = await loadConfig();
      const whole = (name: string, max: number) => {
        const raw = values[name];
        if (raw === undefined) return undefined;
        if (!/^\d+$/.test(String(raw)) || Number(raw) > max) throw new UsageError(`--${name} must be a whole number up to ${max}`);
        return Number(raw);
      };
      const seed = whole('seed', 2 ** 31);
      const children = whole('children', 1_000_000);
      const families = whole('families', 1_000_000);
      if (values.serve) return serve(config, { demo: true, children, families, seed });
      const { seedDemo, formatSignIns } = await import('../demo.ts');
      await withServices(config, async (services) => {
        const seeded = await seedDemo(services, config.dataDir, { children, families, seed });
        process.stdout.write(
          `${seeded.created ? `Demo data created (${seeded.children} synthetic children, ${seeded.families} synthetic adopter households).` : 'Demo data already present.'}\n${formatSignIns(seeded.signIns, `http://localhost:${config.port}`)}\n`,
        );
      });
      return 0;
    },
  },
};
