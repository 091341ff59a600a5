/**
 * The load generator, run in a child process (see measure() in support.ts) so that autocannon's
 * own work does not share the server's event loop. It receives autocannon options over IPC,
 * runs them (the warm-up first, when asked: autocannon only does that through its promise API)
 * and sends back the results with the CPU time it used itself.
 */
import autocannon from 'autocannon';

// The listener cannot be async (nothing would see its promise); failures are caught and sent back instead.
process.once('message', (options: autocannon.Options) => {
  autocannon(options).then(
    (result) => {
      const usage = process.cpuUsage();
      process.send!({ result, cpuMs: (usage.user + usage.system) / 1000 }, () => process.exit(0));
    },
    (error: unknown) => process.send!({ error: error instanceof Error ? error.message : String(error) }, () => process.exit(1)),
  );
});
