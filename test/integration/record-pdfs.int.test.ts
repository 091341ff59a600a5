import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { addMonths, dateInWales } from '../../src/platform/dates/dates.ts';
import { addDays } from '../../src/modules/preparation/dates.ts';
import { startTestApp, type Browser, type TestApp, type TestUser } from '../support/app.ts';
import { acceptedReferral, matchedFamily } from '../support/fixtures.ts';
import { callApi, type ApiAnswer } from '../support/api-client.ts';

/**
 * "Download as PDF" of a child's record, a match's panel papers, a Team Around the Child meeting's
 * minutes and a transition plan: in the reader's language (words, dates, file name), refused as the
 * page is refused, and audited as a read of the record.
 */
describe('records printed as PDF', () => {
  let t: TestApp;
  let agency: string;
  const users: Record<string, TestUser> = {};
  const tokens: Record<string, string> = {};
  const today = () => dateInWales(new Date());
  const dir = mkdtempSync(path.join(tmpdir(), 'record-pdfs-'));
  let childId: string;
  let matchId: string;
  let meetingId: string;
  let finder: Browser;

  const api = async (who: string, method: 'GET' | 'POST' | 'PATCH', url: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiAnswer> => {
    const answer = await callApi(t, tokens[who]!, method, url, body, headers);
    return { ...answer, body: answer.body ?? {} };
  };

  /** The PDF's text as pdftotext reads it, with the response's file name. */
  async function pdf(browser: Browser, url: string) {
    const response = await browser.get(url);
    assert.equal(response.statusCode, 200, `${url}: ${response.body.slice(0, 200)}`);
    assert.equal(response.headers['content-type'], 'application/pdf');
    const file = path.join(dir, 'record.pdf');
    writeFileSync(file, response.rawPayload);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    return { text, fileName: decodeURIComponent(/filename\*=UTF-8''(.*)$/.exec(String(response.headers['content-disposition']))![1]!) };
  }

  const audited = async (resourceId: string, userId: string) =>
    Number((await t.database.adminQuery('select count(*) from audit_log where resource_id = $1 and user_id = $2', [resourceId, userId])).rows[0].count);

  before(async () => {
    t = await startTestApp();
    agency = await t.organisation('agency', 'agency');
    const north = await t.organisation('north', 'local_authority');
    const elsewhere = await t.organisation('elsewhere', 'agency');
    users.referrer = await t.user(['la_referrer'], north);
    users.finder = await t.user(['family_finder'], agency);
    users.socialWorker = await t.user(['social_worker'], agency);
    users.outsider = await t.user(['family_finder'], elsewhere);
    users.adopter = await t.user(['adopter'], agency);
    for (const [name, user] of Object.entries(users)) tokens[name] = await t.token(user, 'write');

    const referral = await acceptedReferral(
      t,
      { referrerToken: tokens.referrer!, finderToken: tokens.finder!, finderId: users.finder.id },
      {
        children: [
          {
            legalGivenNames: 'Gwenllïan',
            legalFamilyName: 'Fictionalfamily',
            dateOfBirth: '2021-03-27',
            sex: 'female',
            ethnicity: 'white_british',
            legalStatus: 'placement_order',
            placementOrderDate: '2025-01-10',
            healthSummary: 'Asthma, well managed.\nSees the nurse yearly.',
            needs: [],
          },
        ],
        siblingRelationships: [],
      },
    );
    childId = referral.childIds[0]!;

    ({ match: matchId } = await matchedFamily(t, {
      agency,
      council: north,
      child: childId,
      household: {
        reference: 'AT-PDF-0001',
        stage: 'approved',
        stageSince: addMonths(today(), -2),
        enquiryDate: addMonths(today(), -12),
        email: 'pdf@example.invalid',
        adopterUserIds: [],
        socialWorkerId: users.socialWorker.id,
      },
      applicant: { givenNames: 'Dŵynwen', familyName: 'Samplefamily' },
      match: { stage: 'matching_panel', stageSince: today(), linkedDate: addMonths(today(), -1) },
    }));
    const step = await api('finder', 'POST', `/api/v1/matches/${matchId}/transition-steps`, {
      kind: 'first_meeting',
      plannedDate: addDays(today(), 3),
      attendees: 'Adopters, foster carer',
    });
    assert.equal(step.status, 201, JSON.stringify(step.body));

    const held = addDays(today(), -7);
    const meeting = await api('finder', 'POST', '/api/v1/tac-meetings', {
      childIds: [childId],
      startsAt: `${held}T10:00:00Z`,
      endsAt: `${held}T11:00:00Z`,
      location: 'Fictional Family Centre',
      agenda: 'Life story work',
    });
    assert.equal(meeting.status, 201, JSON.stringify(meeting.body));
    meetingId = meeting.body.id;
    const minutes = await api(
      'finder',
      'PATCH',
      `/api/v1/tac-meetings/${meetingId}`,
      { minutes: 'Gwenllïan enjoys the tŷ bach twt.', decisions: 'Begin the memory box' },
      { 'if-match': '"v1"' },
    );
    assert.equal(minutes.status, 200, JSON.stringify(minutes.body));
    finder = await t.signIn(users.finder);
  });
  after(async () => {
    rmSync(dir, { recursive: true, force: true });
    await t?.close();
  });

  it('prints the child’s record in English and in Welsh, linked from the child’s page, and audits it as a read of the child', async () => {
    const page = await finder.get(`/children/${childId}`);
    assert.ok(page.body.includes(`href="/children/${childId}/pdf"`), 'the page links to its PDF');
    const before = await audited(childId, users.finder!.id);
    const en = await pdf(finder, `/children/${childId}/pdf?lang=en`);
    assert.match(en.fileName, /^child-record-[0-9a-f]{8}\.pdf$/);
    for (const words of [
      'Gwenllïan Fictionalfamily',
      'Why this child may wait longer',
      'Waiting clocks',
      '27 March 2021',
      'OFFICIAL – SENSITIVE',
      'Official – sensitive',
    ])
      assert.ok(en.text.includes(words), words);
    assert.match(en.text, /Asthma, well managed\.\s+Sees the nurse yearly\./);
    assert.match(en.text, /Page 1 of \d+/);
    assert.ok(!en.text.includes('Change the record'), 'no buttons or navigation');
    assert.ok((await audited(childId, users.finder!.id)) > before, 'audited as a read of the child');

    const cy = await pdf(finder, `/children/${childId}/pdf?lang=cy`);
    assert.match(cy.fileName, /^cofnod-plentyn-[0-9a-f]{8}\.pdf$/);
    for (const words of ['Gwenllïan Fictionalfamily', '27 Mawrth 2021', 'Swyddogol – sensitif']) assert.ok(cy.text.includes(words), words);
    assert.match(cy.text, /Tudalen 1 o \d+/);
    assert.ok(!cy.text.includes('Waiting clocks'));
  });

  it('refuses the child’s PDF as the page is refused: 404 to another agency', async () => {
    const outsider = await t.signIn(users.outsider!);
    assert.equal((await outsider.get(`/children/${childId}`)).statusCode, 404);
    assert.equal((await outsider.get(`/children/${childId}/pdf`)).statusCode, 404);
  });

  it('prints the match’s panel papers: the child, the family, the match and its history', async () => {
    const page = await finder.get(`/matches/${matchId}`);
    assert.ok(page.body.includes(`href="/matches/${matchId}/pdf"`));
    const before = await audited(matchId, users.finder!.id);
    const en = await pdf(finder, `/matches/${matchId}/pdf?lang=en`);
    assert.match(en.fileName, /^panel-papers-[0-9a-f]{8}\.pdf$/);
    for (const words of [
      'Papers for the matching panel',
      'Gwenllïan Fictionalfamily',
      'Dŵynwen Samplefamily (AT-PDF-0001)',
      'The family',
      'Decisions and steps so far',
      'Matching panel',
    ])
      assert.ok(en.text.includes(words), words);
    assert.ok((await audited(matchId, users.finder!.id)) > before, 'audited as a read of the match');
    const cy = await pdf(finder, `/matches/${matchId}/pdf?lang=cy`);
    assert.match(cy.fileName, /^papurau-panel-[0-9a-f]{8}\.pdf$/);
    for (const words of ['Papurau ar gyfer y panel paru', 'Y teulu', 'Penderfyniadau a chamau hyd yma']) assert.ok(cy.text.includes(words), words);
    const outsider = await t.signIn(users.outsider!);
    assert.equal((await outsider.get(`/matches/${matchId}/pdf`)).statusCode, 404);
  });

  it('prints a Team Around the Child meeting’s minutes in both languages; 404 to another agency, 403 to a family', async () => {
    const page = await finder.get(`/tac-meetings/${meetingId}`);
    assert.ok(page.body.includes(`href="/tac-meetings/${meetingId}/pdf"`));
    const before = await audited(meetingId, users.finder!.id);
    const en = await pdf(finder, `/tac-meetings/${meetingId}/pdf?lang=en`);
    assert.match(en.fileName, /^team-around-the-child-minutes-\d{4}-\d{2}-\d{2}\.pdf$/);
    for (const words of [
      'Team Around the Child meeting',
      'Minutes',
      'Gwenllïan enjoys the tŷ bach twt.',
      'Begin the memory box',
      'Fictional Family Centre',
      'Who was there',
    ])
      assert.ok(en.text.includes(words), words);
    assert.ok((await audited(meetingId, users.finder!.id)) > before, 'audited as a read of the meeting');
    assert.ok(en.text.includes('Test agency'), 'the attendee’s organisation, in English');
    // The agency gives itself a Welsh name: a Welsh reader's minutes and meeting page name the attendees' organisation in Welsh.
    await t.database.adminQuery("update organisations set name_cy = 'Asiantaeth Brawf' where id = $1", [agency]);
    const cy = await pdf(finder, `/tac-meetings/${meetingId}/pdf?lang=cy`);
    assert.match(cy.fileName, /^cofnodion-tim-o-amgylch-y-plentyn-/);
    for (const words of ['Cyfarfod Tîm o Amgylch y Plentyn', 'Gwenllïan enjoys the tŷ bach twt.', 'Asiantaeth Brawf'])
      assert.ok(cy.text.includes(words), words);
    const welshPage = await finder.get(`/tac-meetings/${meetingId}?lang=cy`);
    assert.ok(welshPage.body.includes('Asiantaeth Brawf'), 'the meeting page names the attendee’s organisation in Welsh');
    assert.ok(!(await pdf(finder, `/tac-meetings/${meetingId}/pdf?lang=en`)).text.includes('Asiantaeth Brawf'), 'and in English to an English reader');
    await t.database.adminQuery('update organisations set name_cy = null where id = $1', [agency]);
    assert.equal((await (await t.signIn(users.outsider!)).get(`/tac-meetings/${meetingId}/pdf`)).statusCode, 404);
    assert.equal((await (await t.signIn(users.adopter!)).get(`/tac-meetings/${meetingId}/pdf`)).statusCode, 403);
  });

  it('prints the transition plan with its steps in both languages', async () => {
    const page = await finder.get(`/matches/${matchId}/transition-plan`);
    assert.ok(page.body.includes(`href="/matches/${matchId}/transition-plan/pdf"`));
    const en = await pdf(finder, `/matches/${matchId}/transition-plan/pdf?lang=en`);
    assert.match(en.fileName, /^transition-plan-[0-9a-f]{8}\.pdf$/);
    for (const words of ['Transition plan for Gwenllïan', 'Steps of introductions', 'Adopters, foster carer', 'Moving day'])
      assert.ok(en.text.includes(words), words);
    const cy = await pdf(finder, `/matches/${matchId}/transition-plan/pdf?lang=cy`);
    assert.match(cy.fileName, /^cynllun-pontio-/);
    assert.ok(cy.text.includes('Cynllun pontio ar gyfer Gwenllïan'));
    assert.equal((await (await t.signIn(users.outsider!)).get(`/matches/${matchId}/transition-plan/pdf`)).statusCode, 404);
  });
});
