import { ServicePage } from './service-page.ts';
import { expectText, expectVisible } from '../wait.ts';
import { ChronologyPage } from './chronology.ts';
import { assertPrintsOnlyContent } from '../print.ts';

/** One child's record: its heading is the child's name; priority reasons and waiting clocks come first. */
export class ChildPage extends ServicePage {
  readonly name = 'child';
  protected readonly path = /^\/children\/[0-9a-f-]{36}(\?|$)/;
  // The timeline names the people who acted; key facts show the authority's region as stored.
  readonly dataRegions = ['[data-testid="timeline"] .govuk-body-s', '[data-testid="key-facts"] dd'];
  protected heading() {
    return /\S/;
  }
  protected async verifyContent() {
    await expectText(this.page.locator('h2'), this.t('children:child.priority.title'), 'the heading of the priority reasons');
    await expectVisible(this.byTestId('priority-reasons'), 'the priority reasons');
    await expectVisible(this.byTestId('clocks'), 'the waiting clocks');
  }

  /** The child's whole chronology, from the link under its latest lines. */
  async openChronology(): Promise<ChronologyPage> {
    await this.byTestId('chronology-link').click();
    return this.session.expect(ChronologyPage);
  }

  /** The record as it prints: the child's details, without the service's navigation or buttons. */
  async asPrinted(label: string): Promise<void> {
    await assertPrintsOnlyContent(this, label, '[data-testid="child-summary"]');
  }

  async childName(): Promise<string> {
    return (await this.byTestId('child-name').innerText()).trim();
  }

  /** The reasons this child may wait longer, as listed. */
  async priorityReasons(): Promise<string[]> {
    return (await this.byTestId('priority-reasons').locator('li').allInnerTexts()).map((r) => r.trim());
  }

  /** The waiting clocks as clock name → level (“Since the placement order” → “Over 12 months”). */
  async clockLevels(): Promise<Record<string, string>> {
    const out: Record<string, string> = {};
    for (const row of await this.byTestId('clocks').locator('tbody tr').all()) {
      const cells = (await row.locator('td, th').allInnerTexts()).map((c) => c.trim());
      out[cells[0]!] = cells[3]!;
    }
    return out;
  }

  /** The days each clock has run, by clock name. */
  async clockDays(): Promise<Record<string, number>> {
    const out: Record<string, number> = {};
    for (const row of await this.byTestId('clocks').locator('tbody tr').all()) {
      const cells = (await row.locator('td, th').allInnerTexts()).map((c) => c.trim());
      out[cells[0]!] = Number(cells[2]);
    }
    return out;
  }

  /** The key facts on the right as key → value. */
  async keyFacts(): Promise<Record<string, string>> {
    const keys = (await this.byTestId('key-facts').locator('dt').allInnerTexts()).map((k) => k.trim());
    const values = (await this.byTestId('key-facts').locator('dd').allInnerTexts()).map((v) => v.trim());
    return Object.fromEntries(keys.map((k, i) => [k, values[i] ?? '']));
  }
}
