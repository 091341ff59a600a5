import { ServicePage } from './service-page.ts';
import { expectVisible } from '../wait.ts';
import { assertPrintsOnlyContent } from '../print.ts';

/** One line of a chronology as the page shows it. */
export type ChronologyLine = { kind: string; on: string; text: string };

/** A child's or a household's chronology: every module's lines, oldest first, with a filter by kind. */
export class ChronologyPage extends ServicePage {
  readonly name = 'chronology';
  protected readonly path = /^\/(children|households)\/[0-9a-f-]{36}\/chronology(\?|$)/;
  // Whose chronology it is and who did what are stored data, not words of ours.
  readonly dataRegions = ['[data-testid="chronology-subject"]', '[data-testid="chronology-who"]'];
  protected heading() {
    return this.t('chronology:page.heading');
  }
  protected async verifyContent() {
    await expectVisible(this.byTestId('chronology'), 'the chronology’s table');
  }

  /** The lines in page order. */
  async lines(): Promise<ChronologyLine[]> {
    const rows = await this.byTestId('chronology-entry').all();
    return Promise.all(
      rows.map(async (row) => ({
        kind: (await row.getAttribute('data-kind')) ?? '',
        on: (await row.getAttribute('data-on')) ?? '',
        text: (await row.getByTestId('chronology-text').innerText()).trim(),
      })),
    );
  }

  /** Ticks the kinds named (by their words in the reader's language) and applies the filter. */
  async showOnly(kinds: string[]): Promise<ChronologyPage> {
    for (const kind of kinds) await this.page.getByLabel(this.t(`chronology:kinds.${kind}`), { exact: true }).check();
    await this.byTestId('chronology-apply').click();
    return this.session.expect(ChronologyPage);
  }

  /** The page as it prints: the lines, without the service's navigation or the filter. */
  async asPrinted(label: string): Promise<void> {
    await assertPrintsOnlyContent(this, label, '[data-testid="chronology"]', ['[data-testid="chronology-filter"]']);
  }
}
