import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../support/app.ts';

/**
 * Figures of a funder's report worked out from the period's records on a real database: households
 * who completed preparation (every applicant attended every course required for Stage 1, counted in
 * the period the last of them finished), and families' satisfaction counted from the answers
 * submitted in the period, not from all-time percentages; local authorities' satisfaction from the
 * answers given in the period (a commissioner's own only) and workers' from the financial years
 * inside it, each through disclosure control and without a comment.
 */
describe('a funder’s report counts the period’s preparation and satisfaction', () => {
  let t: TestApp;
  let agencyId: string;
  let token: string;
  let households = 0;
  let partnerAnswers = 0;
  const period = { from: '2025-04-01', to: '2026-03-31' };

  const sql = (text: string, values: unknown[] = []) => t.database.adminQuery(text, values);
  const one = async (text: string, values: unknown[]) => (await sql(text, values)).rows[0] as { id: string };

  async function household(applicantCount: number): Promise<{ id: string; applicants: string[] }> {
    households += 1;
    const { id } = await one(
      `insert into households (organisation_id, reference, stage, stage_since, enquiry_date, email)
       values ($1, $2, 'stage1', '2024-12-01', '2024-11-01', $3) returning id`,
      [agencyId, `FIG-${households}`, `figures${households}@test.invalid`],
    );
    const applicants: string[] = [];
    for (let i = 0; i < applicantCount; i += 1)
      applicants.push(
        (
          await one(`insert into applicants (household_id, organisation_id, given_names, family_name) values ($1, $2, 'Test', $3) returning id`, [
            id,
            agencyId,
            `Applicant ${i + 1}`,
          ])
        ).id,
      );
    return { id, applicants };
  }

  async function course(title: string, required: boolean) {
    return (
      await one(`insert into courses (organisation_id, title, title_cy, kind, required_for_stage1) values ($1, $2, $2, 'preparation', $3) returning id`, [
        agencyId,
        title,
        required,
      ])
    ).id;
  }

  async function session(courseId: string, day: string) {
    return (
      await one(
        `insert into course_sessions (course_id, organisation_id, starts_at, ends_at, venue, capacity)
         values ($1, $2, ($3::date + time '10:00') at time zone 'Europe/London', ($3::date + time '16:00') at time zone 'Europe/London', 'Test Centre (fictional)', 30) returning id`,
        [courseId, agencyId, day],
      )
    ).id;
  }

  async function attended(sessionId: string, home: { id: string }, applicantId: string, how: { status?: string; attendance?: string } = {}) {
    await sql(`insert into course_bookings (session_id, applicant_id, household_id, organisation_id, status, attendance) values ($1, $2, $3, $4, $5, $6)`, [
      sessionId,
      applicantId,
      home.id,
      agencyId,
      how.status ?? 'booked',
      how.attendance ?? 'attended',
    ]);
  }

  async function satisfaction(home: { id: string }, submittedOn: string, answer: number) {
    const answers = Object.fromEntries(['information', 'introductions', 'contact', 'support'].map((code) => [code, answer]));
    await sql(
      `insert into questionnaire_responses (household_id, organisation_id, instrument_code, instrument_version, due_months, due_on, status, answers, submitted_on)
       values ($1, $2, 'placement-satisfaction', 1, 6, $3, 'submitted', $4, $3)`,
      [home.id, agencyId, submittedOn, JSON.stringify(answers)],
    );
  }

  async function child(authorityId: string) {
    return (
      await one(
        `insert into children (organisation_id, legal_given_names, legal_family_name, date_of_birth, sex, ethnicity, legal_status, referral_date, shared_with, status)
         values ($1, 'Invented', 'Figures', '2019-02-01', 'female', 'white_british', 'placement_order', '2020-01-10', $2, 'placed') returning id`,
        [authorityId, [authorityId, agencyId]],
      )
    ).id;
  }

  /** Every statement answered `answer`, so the overall score is the number of statements times it. */
  async function partnerAnswer(
    group: 'local_authority' | 'worker',
    how: { organisationId: string; childId?: string; submittedOn?: string; period: string; dueOn: string; answer: number },
  ) {
    partnerAnswers += 1;
    const codes =
      group === 'worker'
        ? ['training', 'supervision', 'consultation', 'supported', 'workload']
        : ['referral', 'kept_informed', 'family_meets_needs', 'therapeutic', 'partnership', 'value', 'refer_again'];
    const answers = Object.fromEntries(codes.map((code) => [code, how.answer]));
    await sql(
      `insert into partner_satisfaction_responses (respondent_group, organisation_id, agency_id, child_id, instrument_code, instrument_version, due_on, due_months, period, answers, scores, comment, language, submitted_on)
       values ($1, $2, $3, $4, $5, 1, $6, $7, $8, $9, $10, $11, 'en', $12)`,
      [
        group,
        how.organisationId,
        agencyId,
        how.childId ?? null,
        group === 'worker' ? 'workforce-satisfaction' : 'authority-satisfaction',
        how.dueOn,
        group === 'worker' ? null : 3,
        how.period,
        JSON.stringify(answers),
        JSON.stringify({ satisfaction: how.answer * codes.length }),
        `Private comment ${partnerAnswers}`,
        how.submittedOn ?? null,
      ],
    );
  }

  type Document = { sections: { code: string; tables: { code: string; rows: { label: string; values: unknown[] }[] }[] }[] };

  async function report(organisation = 'figures-funder') {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/reports',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      payload: JSON.stringify({ organisation, ...period, language: 'en' }),
    });
    assert.equal(response.statusCode, 201, response.body);
    return JSON.parse(response.body).document as Document;
  }

  const satisfactionTable = (document: Document, code: string) => document.sections.find((s) => s.code === 'satisfaction')!.tables.find((t) => t.code === code);
  const valuesOf = (document: Document, code: string, label: string) => satisfactionTable(document, code)!.rows.find((r) => r.label.startsWith(label))!.values;

  before(async () => {
    t = await startTestApp();
    agencyId = await t.organisation('figures-agency', 'agency');
    await t.organisation('figures-funder', 'funder');
    token = await t.token(await t.user(['service_manager'], agencyId));

    const day1 = await course('Preparation group, day 1', true);
    const day2 = await course('Preparation group, day 2', true);
    const optional = await course('Life story work', false);
    const [earlyDay1, earlyDay2, day1InPeriod, day2InPeriod, day2Later, optionalInPeriod] = [
      await session(day1, '2025-01-10'),
      await session(day2, '2025-02-10'),
      await session(day1, '2025-05-10'),
      await session(day2, '2025-06-10'),
      await session(day2, '2026-05-10'),
      await session(optional, '2025-07-10'),
    ];
    // Six households of one applicant who finished in the period.
    for (let i = 0; i < 6; i += 1) {
      const home = await household(1);
      await attended(day1InPeriod, home, home.applicants[0]!);
      await attended(day2InPeriod, home, home.applicants[0]!);
      await attended(optionalInPeriod, home, home.applicants[0]!);
    }
    // A couple: one finished before the period, the other in it, so the household finished in it.
    const couple = await household(2);
    await attended(earlyDay1, couple, couple.applicants[0]!);
    await attended(earlyDay2, couple, couple.applicants[0]!);
    await attended(day1InPeriod, couple, couple.applicants[1]!);
    await attended(day2InPeriod, couple, couple.applicants[1]!);
    // Not counted: finished before the period; one of two applicants still to finish; the last day
    // after the period; absent; a cancelled place; only the optional course.
    const before_ = await household(1);
    await attended(earlyDay1, before_, before_.applicants[0]!);
    await attended(earlyDay2, before_, before_.applicants[0]!);
    const half = await household(2);
    for (const s of [day1InPeriod, day2InPeriod]) await attended(s, half, half.applicants[0]!);
    await attended(day1InPeriod, half, half.applicants[1]!);
    const later = await household(1);
    await attended(day1InPeriod, later, later.applicants[0]!);
    await attended(day2Later, later, later.applicants[0]!);
    const absent = await household(1);
    await attended(day1InPeriod, absent, absent.applicants[0]!);
    await attended(day2InPeriod, absent, absent.applicants[0]!, { attendance: 'absent' });
    const cancelled = await household(1);
    await attended(day1InPeriod, cancelled, cancelled.applicants[0]!);
    await attended(day2InPeriod, cancelled, cancelled.applicants[0]!, { status: 'cancelled' });

    // Satisfaction: in the period 5 of 10 families agreed; before it, 7 more who all agreed.
    for (let i = 0; i < 10; i += 1) await satisfaction(await household(1), '2025-09-15', i < 5 ? 5 : 2);
    for (let i = 0; i < 7; i += 1) await satisfaction(await household(1), '2024-09-15', 4);

    // Local authorities: the council's ten answers in the period (five all 5, five all 2), one before
    // it; the other authority's single answer in the period.
    const councilId = await t.organisation('figures-council', 'local_authority');
    const otherId = await t.organisation('figures-other-council', 'local_authority');
    const councilChild = await child(councilId);
    for (let i = 0; i < 10; i += 1) {
      const day = `2025-${String(5 + (i % 6)).padStart(2, '0')}-${String(10 + i).padStart(2, '0')}`;
      await partnerAnswer('local_authority', {
        organisationId: councilId,
        childId: councilChild,
        submittedOn: day,
        period: '2025',
        dueOn: day,
        answer: i < 5 ? 5 : 2,
      });
    }
    await partnerAnswer('local_authority', {
      organisationId: councilId,
      childId: councilChild,
      submittedOn: '2025-03-20',
      period: '2025',
      dueOn: '2025-03-01',
      answer: 5,
    });
    await partnerAnswer('local_authority', {
      organisationId: otherId,
      childId: await child(otherId),
      submittedOn: '2025-11-03',
      period: '2025',
      dueOn: '2025-10-01',
      answer: 2,
    });
    // Workers: one answer for 2025-26 (the period's year), eight for the year before and one for the year after.
    await partnerAnswer('worker', { organisationId: agencyId, period: '2025-26', dueOn: '2025-04-01', answer: 4 });
    for (let i = 0; i < 8; i += 1) await partnerAnswer('worker', { organisationId: agencyId, period: '2024-25', dueOn: '2024-04-01', answer: 5 });
    await partnerAnswer('worker', { organisationId: agencyId, period: '2026-27', dueOn: '2026-04-01', answer: 5 });
  });
  after(async () => t.close());

  it('counts the households who completed preparation in the period, each once, when every applicant has', async () => {
    const document = await report();
    const recruitment = document.sections.find((s) => s.code === 'recruitment')!.tables[0]!;
    const row = recruitment.rows.find((r) => r.label === 'Households who completed preparation')!;
    assert.deepEqual(row.values, [7]);
  });

  it('counts satisfaction from the answers submitted in the period, not from every answer ever given', async () => {
    const document = await report();
    const table = document.sections.find((s) => s.code === 'satisfaction')!.tables[0]!;
    const information = table.rows.find((r) => r.label.startsWith('We were given the information'))!;
    assert.deepEqual(information.values, [5, 10, 50], 'agreed, answered, per cent over the period');
  });

  it('counts local authorities’ satisfaction from the answers given in the period, with their average overall score', async () => {
    const document = await report();
    // Eleven answers in the period: five of the council's agreed, six did not (the council's five at 2, the other's one).
    assert.deepEqual(
      valuesOf(document, 'satisfaction_local_authorities', 'The agency responded promptly'),
      [5, 10, 45],
      'agreed, answered (rounded), per cent',
    );
    // (5 × 35 + 5 × 14 + 14) / 11 = 23.5, shown: nothing behind it is hidden.
    assert.deepEqual(valuesOf(document, 'satisfaction_groups', 'Local authorities'), [10, 23.5, '7–35']);
  });

  it('counts workers’ answers of the financial year inside the period, and hides a single answer and its average', async () => {
    const document = await report();
    assert.deepEqual(valuesOf(document, 'satisfaction_groups', 'Workers'), ['c', 'c', '5–25']);
    assert.deepEqual(valuesOf(document, 'satisfaction_workers', 'I receive regular clinical supervision'), ['c', 'c', 'c']);
  });

  it('gives a commissioning local authority its own answers only, and never a comment', async () => {
    const council = await report('figures-council');
    assert.deepEqual(valuesOf(council, 'satisfaction_groups', 'Local authorities'), [10, 24.5, '7–35'], '(5 × 35 + 5 × 14) / 10');
    assert.deepEqual(valuesOf(council, 'satisfaction_local_authorities', 'The agency responded promptly'), [5, 10, 50]);
    const other = await report('figures-other-council');
    assert.deepEqual(valuesOf(other, 'satisfaction_groups', 'Local authorities'), ['c', 'c', '7–35'], 'one authority’s single answer is hidden');
    for (const document of [council, other, await report()]) assert.doesNotMatch(JSON.stringify(document), /Private comment/);
  });
});
