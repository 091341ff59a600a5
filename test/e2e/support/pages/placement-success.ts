import { readFile } from 'node:fs/promises';
import { MEASURES } from '../../../../src/modules/outcomes/index.ts';
import { plainPage, ServicePage } from './service-page.ts';

/** One line of the stability chart's table: what the bar beside it should show. */
export type StabilityRow = { label: string; reached: string; open: string; disrupted: string; percent: string };

/** A CSV as a spreadsheet reads it: fields split on commas, quoted fields unquoted, the byte-order mark left out. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const body = text.replace(/^\ufeff/, '');
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (quoted) {
      if (ch === '"' && body[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n') {
      row.push(field.replace(/\r$/, ''));
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field || row.length) rows.push([...row, field]);
  return rows;
}

/** Placement success: every measure with its definition; local authorities' names in the filter are stored data. */
export class PlacementSuccessPage extends ServicePage {
  readonly name = 'placement-success';
  protected readonly path = /^\/outcomes\/placement-success(\?|$)/;
  readonly dataRegions = ['#localAuthorityId option'];
  protected heading() {
    return this.t('placement-success:title');
  }

  /** The stability table, row by row. */
  async stabilityRows(): Promise<StabilityRow[]> {
    const rows = this.byTestId('stability-table').locator('tbody tr');
    const out: StabilityRow[] = [];
    for (let i = 0; i < (await rows.count()); i++) {
      const [label, reached, open, disrupted, percent] = (await rows.nth(i).locator('th, td').allInnerTexts()).map((c) => c.trim());
      out.push({ label: label!, reached: reached!, open: open!, disrupted: disrupted!, percent: percent! });
    }
    return out;
  }

  /**
   * What the chart says above each bar, by the bar's label: its value, the mark of a withheld bar
   * ("c" or "–"), or "0" where no bar is drawn. Read from the drawing's own texts, as a sighted
   * reader would: the value (if any) comes just before the label under its bar.
   */
  async stabilityBars(labels: readonly string[]): Promise<Record<string, string>> {
    const texts = (await this.byTestId('stability-chart').locator('svg text').allTextContents()).map((t) => t.trim());
    const yAxis = this.t('placement-success:chart.percent');
    const bars: Record<string, string> = {};
    for (const label of labels) {
      const at = texts.lastIndexOf(label);
      if (at < 1) throw new Error(`the chart has no bar labelled “${label}”`);
      const before = texts[at - 1]!;
      bars[label] = before === yAxis || labels.includes(before) ? '0' : before;
    }
    return bars;
  }

  /** The chart's accessible name (its title), as a screen reader announces the image. */
  async chartTitle(): Promise<string> {
    return (await this.byTestId('stability-chart').locator('svg > title').textContent())?.trim() ?? '';
  }

  /** Follows "Download these figures (CSV)" and reads the file the browser saved. */
  async downloadCsv(): Promise<{ fileName: string; rows: string[][] }> {
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.byTestId('csv-link').click()]);
    const text = await readFile(await download.path(), 'utf8');
    return { fileName: download.suggestedFilename(), rows: parseCsv(text) };
  }
}

/** The children (or families) behind one figure: names, authorities and reasons are stored data. */
export const PlacementSuccessChildrenPage = plainPage(
  'placement-success-children',
  /^\/outcomes\/placement-success\/[a-zA-Z0-9]+(\?|$)/,
  MEASURES.map((m) => `placement-success:measures.${m}.title`),
  ['[data-testid="children-table"] tbody td'],
);
