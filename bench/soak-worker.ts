/**
 * The soak's traffic, run in a child process (as load-worker.ts is) so that the client's work does
 * not share the app's event loop: `connections` loops, each sending one request of the plan after
 * another, chosen at random by weight, until `until`. Each answer is timed and sorted by its kind;
 * anything but the status the plan expects is an error. The figures go back to the parent over IPC.
 */
export type SoakRequest = {
  kind: string;
  /** Who sends it (a role), for the error lines. */
  who: string;
  method: 'GET' | 'POST';
  url: string;
  headers: Record<string, string>;
  /** A JSON body; `{{n}}` in it is replaced by a number unique to the request. */
  body?: string;
  expect: number;
  weight: number;
};

export type SoakOrder = { baseUrl: string; connections: number; until: number; plan: SoakRequest[] };

export type SoakKindFigures = { kind: string; requests: number; errors: number; p50: number; p99: number; max: number };
export type SoakReport = { kinds: SoakKindFigures[]; requests: number; errors: number; errorSamples: string[] };

const percentile = (sorted: Float64Array, p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : 0);

async function run(order: SoakOrder): Promise<SoakReport> {
  const total = order.plan.reduce((sum, r) => sum + r.weight, 0);
  const pick = () => {
    let x = Math.random() * total;
    for (const request of order.plan) if ((x -= request.weight) < 0) return request;
    return order.plan[order.plan.length - 1]!;
  };
  const times = new Map<string, number[]>();
  const errors = new Map<string, number>();
  const errorSamples: string[] = [];
  let serial = 0;
  const loop = async () => {
    while (Date.now() < order.until) {
      const request = pick();
      const started = performance.now();
      let status: number;
      try {
        const response = await fetch(order.baseUrl + request.url, {
          method: request.method,
          headers: request.headers,
          body: request.body?.replaceAll('{{n}}', String(++serial)),
          redirect: 'manual',
        });
        await response.arrayBuffer();
        status = response.status;
      } catch {
        status = 0;
      }
      const ms = performance.now() - started;
      if (!times.has(request.kind)) times.set(request.kind, []);
      times.get(request.kind)!.push(ms);
      if (status !== request.expect) {
        errors.set(request.kind, (errors.get(request.kind) ?? 0) + 1);
        if (errorSamples.length < 10) errorSamples.push(`${request.who} ${request.method} ${request.url}: ${status || 'no answer'}`);
      }
    }
  };
  await Promise.all(Array.from({ length: order.connections }, loop));
  const kinds = [...times].map(([kind, list]) => {
    const sorted = Float64Array.from(list).sort();
    return {
      kind,
      requests: list.length,
      errors: errors.get(kind) ?? 0,
      p50: percentile(sorted, 50),
      p99: percentile(sorted, 99),
      max: sorted[sorted.length - 1] ?? 0,
    };
  });
  return {
    kinds: kinds.sort((a, b) => a.kind.localeCompare(b.kind)),
    requests: kinds.reduce((sum, k) => sum + k.requests, 0),
    errors: kinds.reduce((sum, k) => sum + k.errors, 0),
    errorSamples,
  };
}

// The listener cannot be async (nothing would see its promise); failures are sent back instead.
process.once('message', (order: SoakOrder) => {
  run(order).then(
    (report) => process.send!({ report }, () => process.exit(0)),
    (error: unknown) => process.send!({ error: error instanceof Error ? error.message : String(error) }, () => process.exit(1)),
  );
});
