import { ServicePage } from './service-page.ts';
import { expectVisible } from '../wait.ts';

/** Cost recovery: the figures at the top, the chart with its table, the tables per authority and kind of work. */
export class CostRecoveryPage extends ServicePage {
  readonly name = 'cost-recovery';
  protected readonly path = /^\/finance\/cost-recovery(\?|$)/;
  // Authorities' and children's names are stored data.
  readonly dataRegions = ['[data-testid="authority-table"] tbody td:first-child', '[data-testid="child-table"] tbody td'];
  protected heading() {
    return this.t('finance-costs:recovery.title');
  }
  protected async verifyContent() {
    await expectVisible(this.byTestId('recovery-chart').locator('svg'), 'the chart of cost and income');
    await expectVisible(this.byTestId('year-table'), 'the table beside the chart');
  }

  async summary(): Promise<string> {
    return (await this.byTestId('recovery-summary').innerText()).trim();
  }

  /** The cells of the row of one kind of work. */
  async activityRow(name: string): Promise<string[]> {
    const row = this.byTestId('activity-table').locator('tbody tr').filter({ hasText: name });
    await expectVisible(row, `the row of ${name}`);
    return (await row.locator('td, th').allInnerTexts()).map((c) => c.trim());
  }
}

/** The financial return: the total, the chart and tables, the sensitivity table, children. */
export class FinancialReturnPage extends ServicePage {
  readonly name = 'financial-return';
  protected readonly path = /^\/finance\/financial-return(\?|$)/;
  readonly dataRegions = ['[data-testid="return-child-table"] tbody td:first-child', '[data-testid="return-authority-table"] tbody td:first-child'];
  protected heading() {
    return this.t('finance-costs:return.title');
  }
  protected async verifyContent() {
    await expectVisible(this.byTestId('return-total'), 'the net return');
  }

  async openMethod(): Promise<MethodPage> {
    await this.byTestId('method-link').click();
    return this.session.expect(MethodPage);
  }
}

/** The printable method page: every assumption of the return. */
export class MethodPage extends ServicePage {
  readonly name = 'financial-return-method';
  protected readonly path = /^\/finance\/financial-return\/method(\?|$)/;
  // The source of a unit cost is the title of a publication, kept as entered.
  readonly dataRegions = ['[data-testid="unit-cost-table"] tbody td:nth-child(4)'];
  protected heading() {
    return this.t('finance-costs:method.title');
  }
  protected async verifyContent() {
    await expectVisible(this.byTestId('method-steps'), 'the steps of the method');
    await expectVisible(this.byTestId('factor-table'), 'the discount factors');
  }

  async text(testid: string): Promise<string> {
    return (await this.byTestId(testid).innerText()).trim();
  }
}
