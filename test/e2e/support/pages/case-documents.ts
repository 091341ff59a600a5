import { readFile } from 'node:fs/promises';
import { ServicePage } from './service-page.ts';
import { expectVisible } from '../wait.ts';

const ID = '[0-9a-f-]{36}';

/** The documents of a record (a child, a sibling group, a household or a match): the list and the form to attach one. */
export class CaseDocumentsPage extends ServicePage {
  readonly name = 'case-documents';
  protected readonly path = new RegExp(`^/(children|sibling-groups|households|matches)/${ID}/documents(\\?|#[\\w-]+|$)`);
  // The record's name, what people typed (titles), file names, uploaders' names and the form's typed values.
  readonly dataRegions = [
    '.govuk-caption-l',
    '[data-testid="case-document"] strong',
    '[data-testid="case-document"] a',
    '[data-testid="case-document"] td:nth-child(5)',
    'input',
  ];
  protected heading() {
    return this.t('case-documents:page.heading');
  }

  async attach(document: { kind: string; title: string; date: string; visibility: string; file: string }): Promise<void> {
    const [year, month, day] = document.date.split('-');
    await this.page.locator('#kind').selectOption(document.kind);
    await this.page.locator('#title').fill(document.title);
    await this.page.locator('#documentDate-day').fill(String(Number(day)));
    await this.page.locator('#documentDate-month').fill(String(Number(month)));
    await this.page.locator('#documentDate-year').fill(year!);
    await this.page.locator(`input[name="visibility"][value="${document.visibility}"]`).check();
    await this.page.locator('#file').setInputFiles(document.file);
  }

  async send(): Promise<CaseDocumentsPage> {
    await this.byTestId('attach-document').click();
    return this.session.expect(CaseDocumentsPage);
  }

  async sendExpectingErrors(): Promise<CaseDocumentsPage> {
    await this.byTestId('attach-document').click();
    return this.session.expect(CaseDocumentsPage, { withErrors: true });
  }

  /** The documents listed, as title → the words of its row. */
  async documents(): Promise<{ title: string; row: string }[]> {
    const rows = this.byTestId('case-document');
    await expectVisible(rows.first(), 'the list of documents');
    return rows.evaluateAll((trs) => trs.map((tr) => ({ title: tr.querySelector('strong')?.textContent?.trim() ?? '', row: (tr as HTMLElement).innerText })));
  }

  /** Downloads the newest version of the document with this title; answers its file name and bytes. */
  async download(title: string): Promise<{ filename: string; bytes: Buffer }> {
    const link = this.byTestId('case-document').filter({ hasText: title }).getByTestId('case-document-download');
    await expectVisible(link, `the download link of ${title}`);
    const [download] = await Promise.all([this.page.waitForEvent('download'), link.click()]);
    const file = await download.path();
    return { filename: download.suggestedFilename(), bytes: await readFile(file) };
  }
}
