/**
 * The load generator, run in a child process (see measure() in support.ts) so that autocannon's
 * own work does not share the server's event loop. It receives autocannon options over IPC,
 * runs them (the warm-up first, when asked: autocannon only does that through its promise API)
 * and sends back the results with the CPU time it used itself.
 */
import autocannon from 'autocannon';

process.once('message', async (options: autocannon.Options) => {
  try {
    const result = await autocannon(options);
    const usage = process.cpuUsage();
    process.send!({ result, cpuMs: (usage.user + usage.system) / 1000 }, () => process.exit(0));
  } catch (error) {
    process.send!({ error: error instanceof Error ? error.message : String(error) }, () => process.exit(1));
  }
});
