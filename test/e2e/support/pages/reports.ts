import { readFile } from 'node:fs/promises';
import { ServicePage } from './service-page.ts';
import { expectVisible } from '../wait.ts';

/** Reports to funders and commissioners: the list, the form, the preview and an issued report. */
const ID = '[0-9a-f-]{36}';

/**
 * Gathering a report's figures (preview) and rendering and storing its three files (issue) is real
 * work, not a page lookup: on a machine shared with other test runs it can take longer than the usual
 * wait for a page, so these two submissions wait for the next address this long instead.
 */
const REPORT_WORK_TIMEOUT_MS = 60_000;

/** Presses a button whose answer is a report's work, and waits for the address it leads to. */
async function submitAndWait(page: ServicePage, testId: string, next: RegExp): Promise<void> {
  await Promise.all([
    page.page.waitForURL((url) => next.test(url.pathname), { timeout: REPORT_WORK_TIMEOUT_MS }),
    page.byTestId(testId).click({ noWaitAfter: true }),
  ]);
}

export class ReportsPage extends ServicePage {
  readonly name = 'reports';
  protected readonly path = /^\/reports(\?|$)/;
  // References, organisations' names and dates of issue are stored data.
  readonly dataRegions = ['[data-testid="reports"] td'];
  protected heading() {
    return this.t('reports:list.title');
  }

  async newReport(): Promise<ReportPeriodPage> {
    await this.byTestId('new-report').click();
    return this.session.expect(ReportPeriodPage);
  }

  /** The references of the reports listed, newest first. */
  async references(): Promise<string[]> {
    return (await this.byTestId('report-link').allInnerTexts()).map((r) => r.trim());
  }

  async open(reference: string): Promise<ReportPage> {
    await this.byTestId('reports').getByRole('link', { name: reference, exact: true }).click();
    return this.session.expect(ReportPage);
  }
}

export type ReportChoice = { organisation: string; financialYear: string; language: 'en' | 'cy' };

/** The first question: which kind of period (a plain GET form, so it works without JavaScript). */
export class ReportPeriodPage extends ServicePage {
  readonly name = 'report-period';
  // /reports/new, and again after continuing without a choice: any address of it without a period chosen.
  protected readonly path = /^\/reports\/new(?!.*[?&]period=(year|quarter|dates)(&|$))/;
  protected heading() {
    return this.t('reports:form.period.question');
  }
  protected async verifyContent() {
    await expectVisible(this.byTestId('report-period-form'), 'the choice of period');
  }

  /** Chooses the kind of period by its label in the reader's language (none: continues without a choice). */
  async choose(kind: 'year' | 'quarter' | 'dates' | null): Promise<ReportFormPage | ReportPeriodPage> {
    if (kind) await this.page.getByLabel(this.t(`reports:form.period.${kind}`), { exact: true }).check();
    await this.byTestId('choose-period').click();
    return kind ? this.session.expect(ReportFormPage) : this.session.expect(ReportPeriodPage, { withErrors: true });
  }
}

export class ReportFormPage extends ServicePage {
  readonly name = 'report-form';
  protected readonly path = /^\/reports\/(new\?.*period=(year|quarter|dates)(&|$)|preview(\?|$))/;
  // The organisations to choose from are stored data.
  readonly dataRegions = ['#organisation'];
  protected heading() {
    return this.t('reports:form.heading');
  }
  protected async verifyContent() {
    await expectVisible(this.byTestId('report-form'), 'the report form');
  }

  /** Chooses a funder or authority, a financial year and the report's language (labels in the reader's language), then previews. */
  async preview(choice: ReportChoice): Promise<ReportPreviewPage> {
    await this.page.locator('#organisation').selectOption({ label: choice.organisation });
    await this.page.locator('#year').fill(choice.financialYear);
    await this.page.getByLabel(this.t(`reports:form.language.${choice.language}`), { exact: true }).check();
    await submitAndWait(this, 'preview-report', /^\/reports\/preview$/);
    return this.session.expect(ReportPreviewPage);
  }
}

/** A report's words are in the report's language and its figures are data: the document is left out of the reader's-language check. */
const DOCUMENT_REGIONS = ['h1', '[data-testid="report-document"]', '[data-testid="report-facts"] dd'];

export class ReportPreviewPage extends ServicePage {
  readonly name = 'report-preview';
  protected readonly path = /^\/reports\/preview(\?|$)/;
  readonly dataRegions = DOCUMENT_REGIONS;
  protected heading() {
    return /\S/;
  }
  protected async verifyContent() {
    await expectVisible(this.byTestId('preview-caption'), 'the preview’s caption');
  }

  /** The report's own title, in the report's language. */
  async title(): Promise<string> {
    return (await this.page.locator('h1').innerText()).trim();
  }

  async issue(): Promise<ReportPage> {
    await submitAndWait(this, 'issue-report', new RegExp(`^/reports/${ID}$`));
    return this.session.expect(ReportPage);
  }
}

export class ReportPage extends ServicePage {
  readonly name = 'report';
  protected readonly path = new RegExp(`^/reports/${ID}(\\?|$)`);
  readonly dataRegions = [...DOCUMENT_REGIONS, '[data-testid="report-files"] code'];
  protected heading() {
    return /\S/;
  }
  protected async verifyContent() {
    await expectVisible(this.byTestId('report-files'), 'the report’s files');
  }

  async reference(): Promise<string> {
    return (await this.byTestId('report-facts').locator('dd').nth(2).innerText()).trim();
  }

  /** The SHA-256 the page shows for a file (written in groups of 16 for reading). */
  async checksum(format: 'pdf' | 'xlsx' | 'csv'): Promise<string> {
    const item = this.byTestId('report-files')
      .locator('li')
      .filter({ has: this.byTestId(`download-${format}`) });
    return (await item.locator('code').innerText()).replace(/\s+/g, '');
  }

  /** Downloads one of the report's files as the browser saves it. */
  async download(format: 'pdf' | 'xlsx' | 'csv'): Promise<Buffer> {
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.byTestId(`download-${format}`).click()]);
    return readFile(await download.path());
  }
}
