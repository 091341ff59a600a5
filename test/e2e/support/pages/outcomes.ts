import { ServicePage } from './service-page.ts';
import { expectVisible } from '../wait.ts';

/** Children's outcomes: the child's page, score entry from paper, and the family's questionnaires. */
const ID = '[0-9a-f-]{36}';

export class ChildOutcomesPage extends ServicePage {
  readonly name = 'child-outcomes';
  protected readonly path = new RegExp(`^/children/${ID}/outcomes(\\?|$)`);
  // The child's name, the instrument's citation and the dates are data.
  readonly dataRegions = ['.govuk-caption-xl', '.govuk-body-s', 'table td', 'select option', 'svg'];
  protected heading() {
    return this.t('outcomes:child.heading');
  }
  async enterScores(): Promise<ScoreEntryPage> {
    await this.byTestId('enter-scores').click();
    return this.session.expect(ScoreEntryPage);
  }
  /** The reliable change shown for a scale, as its data-change code (improved, no_reliable_change, deteriorated). */
  async change(instrument: string, scale: string): Promise<string | null> {
    const tag = this.byTestId(`scale-${instrument}-${scale}`).locator('[data-change]');
    await expectVisible(tag, `the reliable change of ${scale}`);
    return tag.getAttribute('data-change');
  }
  async changeText(instrument: string, scale: string): Promise<string> {
    return (await this.byTestId(`scale-${instrument}-${scale}`).locator('[data-change]').innerText()).trim();
  }
  async chartPoints(instrument: string, scale: string): Promise<string[]> {
    return this.byTestId(`scale-${instrument}-${scale}`)
      .locator('svg circle')
      .evaluateAll((circles) => circles.map((c) => c.getAttribute('data-score') ?? ''));
  }
}

export class ScoreEntryPage extends ServicePage {
  readonly name = 'score-entry';
  protected readonly path = new RegExp(`^/children/${ID}/outcomes/new(\\?|$)`);
  readonly dataRegions = ['.govuk-caption-l', 'select option', 'nav a', 'nav strong', 'h2'];
  protected heading() {
    return this.t('outcomes:entry.heading');
  }
  async fill(date: string, scores: Record<string, number>): Promise<void> {
    const [year, month, day] = date.split('-');
    await this.page.locator('#completedOn-day').fill(String(Number(day)));
    await this.page.locator('#completedOn-month').fill(String(Number(month)));
    await this.page.locator('#completedOn-year').fill(year!);
    for (const [scale, value] of Object.entries(scores)) await this.page.locator(`#score-${scale}`).fill(String(value));
  }
  async saveExpectingErrors(): Promise<ScoreEntryPage> {
    await this.byTestId('save-scores').click();
    return this.session.expect(ScoreEntryPage, { withErrors: true });
  }
  async save(): Promise<ChildOutcomesPage> {
    await this.byTestId('save-scores').click();
    return this.session.expect(ChildOutcomesPage);
  }
}

export class QuestionnairesPage extends ServicePage {
  readonly name = 'questionnaires';
  protected readonly path = /^\/my-application\/questionnaires(\?|$)/;
  readonly dataRegions = ['table td:nth-child(2)'];
  protected heading() {
    return this.t('outcomes:portal.title');
  }
  async open(): Promise<QuestionnairePage> {
    await this.byTestId('questionnaire-link').first().click();
    return this.session.expect(QuestionnairePage);
  }
  async statuses(): Promise<string[]> {
    return (await this.byTestId('questionnaires').locator('tbody td:nth-child(3)').allInnerTexts()).map((s) => s.trim());
  }
}

export class QuestionnairePage extends ServicePage {
  readonly name = 'questionnaire';
  protected readonly path = new RegExp(`^/my-application/questionnaires/${ID}(\\?|$)`);
  readonly dataRegions = ['.govuk-caption-l'];
  protected heading() {
    // The questionnaire's own name, in the reader's language.
    return this.language === 'cy' ? /^Holiadur bodlonrwydd/ : /^Placement satisfaction/;
  }
  /** Chooses the answer of each statement, by its 1-based value. */
  async answer(answers: Record<string, number>): Promise<void> {
    for (const [item, value] of Object.entries(answers)) await this.page.locator(`input[name="answer-${item}"][value="${value}"]`).check();
  }
  async progress(): Promise<string> {
    return (await this.byTestId('progress').innerText()).trim();
  }
  async saveForLater(): Promise<QuestionnairePage> {
    await this.byTestId('save').click();
    return this.session.expect(QuestionnairePage);
  }
  async send(): Promise<QuestionnairesPage> {
    await this.byTestId('send').click();
    return this.session.expect(QuestionnairesPage);
  }
  async checked(item: string): Promise<string | null> {
    return this.page.locator(`input[name="answer-${item}"]:checked`).getAttribute('value');
  }
}

/** The service manager's satisfaction of families, local authorities and workers. */
export class SatisfactionPage extends ServicePage {
  readonly name = 'satisfaction';
  protected readonly path = /^\/outcomes\/satisfaction(\?|$)/;
  // The years, the figures and the comments (written in the respondent's language) are data.
  readonly dataRegions = ['table td', 'svg', '[data-testid^="comments-"] li'];
  protected heading() {
    return this.t('outcomes:satisfaction.title');
  }
}

/** The local authority's questionnaires due for its placed children. */
export class AuthorityQuestionnairesPage extends ServicePage {
  readonly name = 'authority-questionnaires';
  protected readonly path = /^\/outcomes\/authority-questionnaires(\?|$)/;
  readonly dataRegions = ['table td:first-child'];
  protected heading() {
    return this.t('outcomes:partner.authority.title');
  }
}

/** The local authority's own answers read back, disclosure-controlled. */
export class AuthoritySatisfactionPage extends ServicePage {
  readonly name = 'authority-satisfaction';
  protected readonly path = /^\/outcomes\/authority-satisfaction(\?|$)/;
  readonly dataRegions = ['table td'];
  protected heading() {
    return this.t('outcomes:partner.results.title');
  }
}

/** The workers' yearly questionnaire. */
export class WorkerQuestionnairePage extends ServicePage {
  readonly name = 'worker-questionnaire';
  protected readonly path = /^\/outcomes\/worker-questionnaire(\?|$)/;
  readonly dataRegions = ['.govuk-caption-l'];
  protected heading() {
    return this.language === 'cy' ? /^Holiadur bodlonrwydd gweithwyr/ : /^Workers’ satisfaction/;
  }
}
