import { readFile } from 'node:fs/promises';
import { ServicePage } from './service-page.ts';
import { expectVisible } from '../wait.ts';

/** Research agreements: the list, the agency's form, and an agreement's page with its extracts. */
const ID = '[0-9a-f-]{36}';

export class AgreementsPage extends ServicePage {
  readonly name = 'research-agreements';
  protected readonly path = /^\/research(\?|$)/;
  // Agreement titles and partners' names are stored data.
  readonly dataRegions = ['[data-testid="agreements"] td'];
  protected heading() {
    return this.t('research:list.title');
  }

  async newAgreement(): Promise<AgreementFormPage> {
    await this.byTestId('new-agreement').click();
    return this.session.expect(AgreementFormPage);
  }

  async open(title: string): Promise<AgreementPage> {
    await this.byTestId('agreements').getByRole('link', { name: title, exact: true }).click();
    return this.session.expect(AgreementPage);
  }
}

export type AgreementTerms = {
  partner: string;
  title: string;
  purpose: string;
  lawfulBasis: string;
  fields: string[];
  start: [string, string, string];
  end: [string, string, string];
  signedBy: string;
  role: string;
};

export class AgreementFormPage extends ServicePage {
  readonly name = 'research-agreement-form';
  protected readonly path = /^\/research\/agreements\/new(\?|$)/;
  readonly dataRegions = ['#partnerOrganisationId'];
  protected heading() {
    return this.t('research:form.heading');
  }
  protected async verifyContent() {
    await expectVisible(this.byTestId('agreement-form'), 'the agreement form');
  }

  /** Fills the form (each field by its label in the reader's language) and saves it. */
  async make(terms: Partial<AgreementTerms>, expect: 'made' | 'refused' = 'made'): Promise<AgreementPage | AgreementFormPage> {
    if (terms.partner) await this.page.locator('#partnerOrganisationId').selectOption({ label: terms.partner });
    if (terms.title !== undefined) await this.page.locator('#title').fill(terms.title);
    if (terms.purpose !== undefined) await this.page.locator('#purpose').fill(terms.purpose);
    if (terms.lawfulBasis) await this.page.locator('#lawfulBasis').selectOption({ label: terms.lawfulBasis });
    for (const field of terms.fields ?? []) await this.page.getByLabel(field, { exact: true }).check();
    for (const [name, parts] of [
      ['startDate', terms.start],
      ['endDate', terms.end],
    ] as const) {
      if (!parts) continue;
      await this.page.locator(`#${name}-day`).fill(parts[0]);
      await this.page.locator(`#${name}-month`).fill(parts[1]);
      await this.page.locator(`#${name}-year`).fill(parts[2]);
    }
    if (terms.signedBy !== undefined) await this.page.locator('#signedByName').fill(terms.signedBy);
    if (terms.role !== undefined) await this.page.locator('#signedByRole').fill(terms.role);
    await this.byTestId('save-agreement').click();
    return expect === 'made' ? this.session.expect(AgreementPage) : this.session.expect(AgreementFormPage, { withErrors: true });
  }
}

export class AgreementPage extends ServicePage {
  readonly name = 'research-agreement';
  protected readonly path = new RegExp(`^/research/agreements/${ID}(\\?|$)`);
  // The agreement's own words (title, purpose, who signed), field codes and checksums are stored data.
  readonly dataRegions = ['h1', '[data-testid="agreement-details"] dd', '[data-testid="agreement-fields"] code', '[data-testid="extract-checksum"]'];
  protected heading() {
    return /\S/;
  }

  async standing(): Promise<string> {
    return (await this.byTestId('agreement-standing').innerText()).trim();
  }

  async amend(): Promise<AgreementAmendPage> {
    await this.byTestId('amend-agreement').click();
    return this.session.expect(AgreementAmendPage);
  }

  async makeExtract(): Promise<AgreementPage> {
    await this.byTestId('make-extract').click();
    return this.session.expect(AgreementPage);
  }

  /** The agreement version each extract was made under, newest first. */
  async extractVersions(): Promise<string[]> {
    return (await this.byTestId('extract-version').allInnerTexts()).map((v) => v.trim());
  }

  async checksums(): Promise<string[]> {
    return (await this.byTestId('extract-checksum').allInnerTexts()).map((c) => c.trim());
  }

  /** Downloads the newest extract's zip as the browser saves it. */
  async download(): Promise<Buffer> {
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.byTestId('download-extract').first().click()]);
    return readFile(await download.path());
  }
}

/** The agency's form to amend an agreement: its terms as they stand, saved as the next version. */
export class AgreementAmendPage extends ServicePage {
  readonly name = 'research-agreement-amend';
  protected readonly path = new RegExp(`^/research/agreements/${ID}/amend(\\?|$)`);
  // The agreement's title (caption) and its partner's name are stored data.
  readonly dataRegions = ['[data-testid="agreement-caption"]', '[data-testid="agreement-partner"] dd'];
  protected heading() {
    return this.t('research:amend.heading');
  }
  protected async verifyContent() {
    await expectVisible(this.byTestId('agreement-form'), 'the amendment form');
  }

  /** Ticks more fields (by their labels in the reader's language) and saves the new version. */
  async addFields(fields: string[]): Promise<AgreementPage> {
    for (const field of fields) await this.page.getByLabel(field, { exact: true }).check();
    await this.byTestId('save-agreement').click();
    return this.session.expect(AgreementPage);
  }
}
