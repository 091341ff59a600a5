import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, afterEach, before, describe, it } from 'node:test';
import type { TestUser } from '../support/app.ts';
import { addMonths, dateInWales } from '../../src/platform/dates/dates.ts';
import { children } from '../../src/modules/children/schema.ts';
import { openSuite, type E2eSuite } from './support/suite.ts';
import { signIn } from './support/sign-in.ts';
import { ChildPage } from './support/pages/children-record.ts';
import { CaseDocumentsPage } from './support/pages/case-documents.ts';

let suite: E2eSuite;
describe('case-documents (browser)', () => {
  before(async () => {
    suite = await openSuite('case-documents');
  });
  afterEach(async () => suite?.endSessions());
  after(async () => suite?.close());

  const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

  /**
   * From the issue: a family finder working in Welsh attaches a child's permanence report to the
   * child's record and downloads it again, byte for byte; a file of the wrong type is refused with a
   * Welsh message beside the file box. The child and the people are fictional.
   */
  describe('case documents in the browser', () => {
    let finder: TestUser;
    let child: string;
    const today = () => dateInWales(new Date());
    const folder = path.join('/tmp', `case-documents-e2e-${process.pid}`);
    const report = Buffer.from('%PDF-1.4\n% Adroddiad sefydlogrwydd ffug: dim plentyn go iawn\n%%EOF\n');

    before(async () => {
      const { t } = suite;
      const agency = await t.organisation('agency', 'agency');
      const council = await t.organisation('council', 'local_authority');
      finder = await t.user(['family_finder'], agency);
      child = await t.services.runner.run(t.system, async (tx) => {
        const [c] = await tx
          .insert(children)
          .values({
            organisationId: council,
            status: 'family_finding',
            legalGivenNames: 'Eluned',
            legalFamilyName: 'Fictionalfamily',
            dateOfBirth: addMonths(today(), -84),
            sex: 'female',
            ethnicity: 'white_british',
            legalStatus: 'placement_order',
            referralDate: addMonths(today(), -14),
            sharedWith: [agency],
            familyFinderId: finder.id,
          })
          .returning();
        return c!.id;
      });
      mkdirSync(folder, { recursive: true });
      writeFileSync(path.join(folder, 'adroddiad-sefydlogrwydd.pdf'), report);
      writeFileSync(path.join(folder, 'rhaglen.exe'), Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00]));
    });

    it('a family finder attaches a child permanence report in Welsh and downloads the same file', async () => {
      const session = await suite.session();
      const home = await signIn(session, finder);
      await home.switchLanguage('cy');
      const record = await session.open(`/children/${child}`, ChildPage);
      await record.byTestId('documents-link').click();
      let documents = await session.expect(CaseDocumentsPage);

      await documents.attach({ kind: 'other', title: 'Rhaglen', date: today(), visibility: 'case', file: path.join(folder, 'rhaglen.exe') });
      documents = await documents.sendExpectingErrors();
      assert.equal(
        await documents.fieldError('file'),
        'Rhaid i’r ffeil a ddewiswyd fod yn PDF, yn llun JPG neu PNG, yn ddogfen Word neu OpenDocument, neu’n ffeil testun plaen',
      );

      await documents.attach({
        kind: 'child_permanence_report',
        title: 'Adroddiad sefydlogrwydd Eluned',
        date: today(),
        visibility: 'case',
        file: path.join(folder, 'adroddiad-sefydlogrwydd.pdf'),
      });
      documents = await (await documents.send()).assertReflows();
      assert.equal(await documents.flash(), 'Atodwyd “Adroddiad sefydlogrwydd Eluned”');
      const [listed] = await documents.documents();
      assert.equal(listed!.title, 'Adroddiad sefydlogrwydd Eluned');
      assert.match(listed!.row, /Adroddiad sefydlogrwydd y plentyn/);
      assert.match(listed!.row, /Yr asiantaeth ac awdurdod lleol y plentyn/);

      const downloaded = await documents.download('Adroddiad sefydlogrwydd Eluned');
      assert.equal(downloaded.filename, 'adroddiad-sefydlogrwydd.pdf');
      assert.equal(sha256(downloaded.bytes), sha256(report));
    });
  });
});
