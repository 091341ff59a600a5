/**
 * Rendering a funder's report (issue 12): a large report (every section, about 40 tables of 25 rows, a
 * chart per section, in Welsh) laid out as a tagged PDF, an XLSX and a zip of CSV files. No database: the
 * document is hand-made (the measures that fill it have their own benchmark). The year's report must be
 * issued in under 2 s in all, so rendering aims well under 1 s. BENCH_REPORT_SECTIONS, BENCH_REPORT_TABLES
 * and BENCH_REPORT_ROWS change its size; BENCH_REPORT_RUNS the number of timed runs (after one warm-up).
 */
import { renderReport, sampleReport } from '../src/modules/reports/index.ts';
import { fixed, type Benchmark } from './support.ts';

const SECTIONS = Number(process.env.BENCH_REPORT_SECTIONS ?? 10);
const TABLES = Number(process.env.BENCH_REPORT_TABLES ?? 4);
const ROWS = Number(process.env.BENCH_REPORT_ROWS ?? 25);
const RUNS = Number(process.env.BENCH_REPORT_RUNS ?? 5);
const TARGET_MS = 1000;

export const reportRenderBenchmark: Benchmark = {
  name: `report render: a funder's report of ${SECTIONS * TABLES + 3} tables (${ROWS} rows each) as PDF, XLSX and CSV`,
  async run() {
    const doc = sampleReport('cy', { extraSections: SECTIONS, tablesPerSection: TABLES, rowsPerTable: ROWS });
    const tables = doc.sections.reduce((n, s) => n + s.tables.length, 0);
    let ok = true;
    console.log(`a Welsh report: ${doc.sections.length} sections, ${tables} tables, ${doc.sections.reduce((n, s) => n + s.charts.length, 0)} charts`);
    for (const format of ['pdf', 'xlsx', 'csv'] as const) {
      const first = await renderReport(doc, format); // warm-up: loads fonts and libraries
      const times: number[] = [];
      let cpu = 0;
      for (let i = 0; i < RUNS; i++) {
        const c = process.cpuUsage();
        const t = performance.now();
        const r = await renderReport(doc, format);
        times.push(performance.now() - t);
        const u = process.cpuUsage(c);
        cpu += (u.user + u.system) / 1000;
        if (!r.bytes.equals(first.bytes)) {
          console.log(`  ${format}: the same document gave different bytes`);
          ok = false;
        }
      }
      times.sort((a, b) => a - b);
      const pages = format === 'pdf' ? ` ${(first.bytes.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length} pages,` : '';
      console.log(
        `  ${format}:${pages} ${fixed(first.bytes.length / 1024, 0)} KiB; median ${fixed(times[Math.floor(times.length / 2)]!, 0)} ms, slowest ${fixed(times.at(-1)!, 0)} ms, ` +
          `main-thread CPU ${fixed(cpu / RUNS, 0)} ms a run (target under ${TARGET_MS} ms)`,
      );
    }
    return { ok };
  },
};
