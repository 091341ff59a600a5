import { bundleReadme, withManifest, type BundleFile } from './bundle.ts';

/**
 * What a subject access bundle shows of records that are also about other people: pure rules,
 * unit-tested. The person's own details are given in full; other people's names and contact
 * details are replaced by REDACTED, and free text that may name others is kept but listed in
 * `forReview` for the person answering the request to read before sending.
 */

export const REDACTED = '[redacted: another person]';
/** A child matched with or placed with the family is a third party in the adopter's bundle. */
export const REDACTED_CHILD = '[redacted: a child’s name]';

type Row = Record<string, unknown>;

export type PersonRecords = {
  account?: Row;
  applicant?: Row & { id: string; userId?: string | null; email?: string | null };
  household?: {
    household: Row;
    applicants: (Row & { id: string })[];
    members: Row[];
    checks: Row[];
    enquiries: (Row & { email?: string | null })[];
  };
  conversations?: { threads: Row[]; messages: (Row & { authorId?: string | null; fromFamily?: boolean })[]; documents: Row[] };
  /** The household's training bookings (each applicant's), with their session and course. */
  training?: (Row & { applicantId: string })[];
  /** The household's therapeutic preparation sessions; `attendance` is keyed by applicant id. */
  preparation?: (Row & { attendance?: Record<string, boolean> | null })[];
  support?: { plans: Row[]; planItems: Row[]; sessions: Row[]; requests: (Row & { requestedBy?: string | null; source?: string })[]; events: Row[] };
  /** The family's expressions of interest in children waiting (matching): the children by id only, never named. */
  interests?: (Row & { childIds?: unknown })[];
  /** The case documents filed on the household, with the file each became in the bundle. */
  documents?: Row[];
  /**
   * A member of staff's satisfaction answers (outcomes): the local authority questionnaires they
   * answered, and the years they answered the workers' questionnaire (its answers are anonymous).
   */
  satisfaction?: { authorityAnswers: (Row & { comment?: string | null })[]; workerQuestionnairesAnswered: Row[] };
  /** The names of the children matched with or placed with the family: third parties, masked wherever free text names them. */
  childNames?: string[];
  audit: Row[];
};

const OTHER_PERSON_FIELDS = ['givenNames', 'familyName', 'dateOfBirth', 'email', 'phone', 'ethnicity', 'religion', 'languages', 'occupation'] as const;

function redactFields(row: Row, names: readonly string[]): Row {
  const copy: Row = { ...row };
  for (const name of names) if (name in copy && copy[name] !== null && copy[name] !== undefined) copy[name] = REDACTED;
  return copy;
}

/** The records as files of JSON, with what was redacted and what needs reading before the bundle is sent. */
export function redactForPerson(records: PersonRecords): { files: BundleFile[]; redacted: string[]; forReview: string[] } {
  const redacted: string[] = [];
  const forReview: string[] = [];
  const files: BundleFile[] = [];
  const json = (name: string, value: unknown) => files.push({ name, content: `${JSON.stringify(value, null, 2)}\n` });
  const ownEmails = new Set([records.applicant?.email, records.account?.email].filter((e): e is string => typeof e === 'string').map((e) => e.toLowerCase()));
  const ownUserId = (records.account?.id as string | undefined) ?? records.applicant?.userId ?? undefined;

  if (records.account) json('account.json', records.account);
  if (records.applicant) json('applicant.json', records.applicant);

  if (records.household) {
    const { household, applicants, members, checks, enquiries } = records.household;
    // The household's contact address may be the other applicant's; its adopter accounts are theirs too.
    const contact = typeof household.email === 'string' ? household.email.toLowerCase() : undefined;
    const shownHousehold: Row = { ...household, adopterUserIds: undefined, socialWorkerId: undefined };
    if (contact && !ownEmails.has(contact)) {
      shownHousehold.email = REDACTED;
      redacted.push("household.json: the household's contact e-mail address, which is another person's");
    }
    json('household.json', shownHousehold);
    const others = applicants.filter((a) => a.id !== records.applicant?.id);
    if (others.length) redacted.push(`household-applicants.json: the other applicant's name and contact details (${others.length})`);
    json(
      'household-applicants.json',
      applicants.map((a) => (a.id === records.applicant?.id ? a : redactFields(a, OTHER_PERSON_FIELDS))),
    );
    if (members.length) redacted.push(`household-members.json: the names and dates of birth of the other people in the household (${members.length})`);
    json(
      'household-members.json',
      members.map((m) => redactFields(m, ['name', 'dateOfBirth'])),
    );
    if (checks.some((c) => c.subject)) redacted.push('household-checks.json: who was asked (referees, authorities)');
    if (checks.some((c) => c.notes)) forReview.push('household-checks.json: the notes of each check may name referees or others');
    json(
      'household-checks.json',
      checks.map((c) => redactFields(c, ['subject'])),
    );
    const fromOthers = enquiries.filter((e) => !e.email || !ownEmails.has(e.email.toLowerCase()));
    if (fromOthers.length) redacted.push(`enquiries.json: enquiries sent by someone else (${fromOthers.length})`);
    json(
      'enquiries.json',
      enquiries.map((e) => (fromOthers.includes(e) ? redactFields(e, ['givenNames', 'familyName', 'email', 'phone', 'postcode', 'message']) : e)),
    );
  }

  if (records.conversations) {
    const { threads, messages, documents } = records.conversations;
    json(
      'portal-threads.json',
      threads.map((t) => redactFields({ ...t, workerId: undefined, createdBy: undefined }, [])),
    );
    json(
      'portal-messages.json',
      messages.map((m) => ({
        ...m,
        // Who wrote it, as the person would say it: them, another member of the family, or the agency.
        authorId: undefined,
        readBy: undefined,
        from: m.authorId && m.authorId === ownUserId ? 'you' : m.fromFamily ? REDACTED : 'the agency',
      })),
    );
    if (messages.length) forReview.push('portal-messages.json: message bodies are as written and may name other people');
    json(
      'portal-documents.json',
      documents.map((d) => ({ ...d, requestedBy: undefined })),
    );
  }

  redactFamilyRecords(records, { json, redacted, forReview });
  const satisfaction = records.satisfaction;
  if (satisfaction && (satisfaction.authorityAnswers.length || satisfaction.workerQuestionnairesAnswered.length)) {
    json('satisfaction.json', satisfaction);
    if (satisfaction.authorityAnswers.some((a) => a.comment))
      forReview.push('satisfaction.json: the comments left with local authority questionnaires are as written and may name a child or others');
  }
  json('audit.json', records.audit);
  return { files, redacted, forReview };
}

/**
 * Replaces each word of the names (two letters or more), wherever it stands as a whole word in any
 * case, by `mask`; says how many were replaced. Over-masking a common word is the safe mistake, but
 * the words of `keep` (the person's own names: an adopted child often takes the family's surname)
 * are never masked.
 */
export function maskNames(
  text: string,
  names: readonly (string | null | undefined)[],
  mask: string,
  keep: readonly (string | null | undefined)[] = [],
): { text: string; count: number } {
  const wordsOf = (list: readonly (string | null | undefined)[]) => list.flatMap((n) => (n ?? '').split(/\s+/)).filter((w) => w.length >= 2);
  const kept = new Set(wordsOf(keep).map((w) => w.toLocaleLowerCase()));
  const words = [...new Set(wordsOf(names))].filter((w) => !kept.has(w.toLocaleLowerCase())).sort((a, b) => b.length - a.length);
  if (!words.length) return { text, count: 0 };
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])(?:${words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})(?![\\p{L}\\p{N}])`, 'giu');
  let count = 0;
  const masked = text.replace(pattern, () => {
    count += 1;
    return mask;
  });
  return { text: masked, count };
}

/** Who did the work: staff are not named, so their ids and names are left out of the family's records. */
const FAMILY_STAFF_FIELDS = ['bookedBy', 'facilitatorIds', 'facilitatorNames', 'facilitatorId', 'createdBy', 'workerId', 'allocatedTo', 'requestedBy'];

/**
 * An applicant's training, preparation and support, and the documents filed on their family: their
 * own bookings only, staff left out, the other applicant's attendance left out, and the names of the
 * children and of the household's other people masked in free text (which is still listed for review).
 */
function redactFamilyRecords(records: PersonRecords, out: { json: (name: string, value: unknown) => void; redacted: string[]; forReview: string[] }): void {
  const { json, redacted, forReview } = out;
  const ownApplicantId = records.applicant?.id;
  const ownUserId = (records.account?.id as string | undefined) ?? records.applicant?.userId ?? undefined;
  const otherNames = [
    ...(records.household?.applicants ?? []).filter((a) => a.id !== ownApplicantId).flatMap((a) => [a.givenNames as string, a.familyName as string]),
    ...(records.household?.members ?? []).map((m) => m.name as string),
  ];
  const ownNames = [records.applicant?.givenNames, records.applicant?.familyName, records.account?.name].map((n) => (typeof n === 'string' ? n : null));
  const masked = { children: 0, others: 0 };
  const tidy = (row: Row, text: readonly string[] = []): Row => {
    const copy: Row = { ...row };
    for (const field of FAMILY_STAFF_FIELDS) delete copy[field];
    for (const field of text) {
      if (typeof copy[field] !== 'string') continue;
      const children = maskNames(copy[field], records.childNames ?? [], REDACTED_CHILD, ownNames);
      const others = maskNames(children.text, otherNames, REDACTED, ownNames);
      masked.children += children.count;
      masked.others += others.count;
      copy[field] = others.text;
    }
    return copy;
  };
  const review = (file: string, rows: readonly Row[], fields: readonly string[], why: string) => {
    if (rows.some((row) => fields.some((f) => typeof row[f] === 'string' && row[f].trim() !== ''))) forReview.push(`${file}: ${why}`);
  };

  if (records.training) {
    const own = records.training.filter((b) => b.applicantId === ownApplicantId);
    const left = records.training.length - own.length;
    if (left) redacted.push(`training-bookings.json: the other applicant's bookings, attendance and certificates, left out (${left})`);
    if (records.training.some((b) => b.facilitatorNames)) redacted.push('training-bookings.json: who ran each session (staff are not named)');
    json(
      'training-bookings.json',
      own.map((b) => tidy(b)),
    );
  }

  if (records.preparation) {
    const sessions = records.preparation;
    if (sessions.some((s) => Object.keys(s.attendance ?? {}).some((id) => id !== ownApplicantId)))
      redacted.push('preparation-sessions.json: whether the other applicant attended');
    json(
      'preparation-sessions.json',
      sessions.map(({ attendance, ...session }) => ({
        ...tidy(session, ['readinessReflection']),
        youAttended: ownApplicantId && attendance && ownApplicantId in attendance ? attendance[ownApplicantId] : null,
      })),
    );
    review('preparation-sessions.json', sessions, ['readinessReflection'], 'reflections on readiness are as written and may name others');
  }

  if (records.interests?.length) {
    json(
      'interests.json',
      records.interests.map(({ childIds, ...interest }) => ({
        ...tidy(interest, ['message', 'reason']),
        children: Array.isArray(childIds) ? childIds.length : 0,
      })),
    );
    redacted.push('interests.json: which children each interest was in (other people; the number of children is kept)');
    review(
      'interests.json',
      records.interests,
      ['message', 'reason'],
      'the family’s messages and the agency’s reasons are as written and may name the children or others',
    );
  }

  if (records.support) {
    const { plans, planItems, sessions, requests, events } = records.support;
    json(
      'support-plans.json',
      plans.map((p) => tidy(p, ['needsSummary'])),
    );
    json(
      'support-plan-items.json',
      planItems.map((i) => tidy(i, ['need', 'support', 'provider'])),
    );
    json(
      'support-sessions.json',
      sessions.map((s) => tidy(s, ['notes'])),
    );
    json(
      'support-requests.json',
      requests.map((r) => ({
        ...tidy(r, ['need', 'closeReason']),
        // Who asked, as the person would say it: them, another member of the family, or the agency.
        from: r.requestedBy && r.requestedBy === ownUserId ? 'you' : r.source === 'family' ? REDACTED : 'the agency',
      })),
    );
    json(
      'support-events.json',
      events.map((e) => tidy(e)),
    );
    review('support-plans.json', plans, ['needsSummary'], 'the needs summary is as written and may be about the children or others');
    review('support-plan-items.json', planItems, ['need', 'support', 'provider'], 'needs, support and providers are as written and may name others');
    review('support-sessions.json', sessions, ['notes'], 'session notes are as written and may be about the children or others');
    review('support-requests.json', requests, ['need', 'closeReason'], 'requests are as written and may name others');
  }

  if (masked.children)
    redacted.push(`training, preparation and support files: the names of the children matched or placed with the family, in free text (${masked.children})`);
  if (masked.others) redacted.push(`training, preparation and support files: the names of the household's other people, in free text (${masked.others})`);

  if (records.documents) {
    json(
      'documents.json',
      records.documents.map((d) => tidy(d)),
    );
    if (records.documents.length) forReview.push('documents/: the documents filed on the family (reports, panel minutes) may name others: read each one');
  }
}

/** A person's bundle's README: what is in it, what was redacted, what to read before sending. */
export function personReadme(
  personId: string,
  generatedAt: Date,
  result: { files: readonly BundleFile[]; redacted: readonly string[]; forReview: readonly string[] },
  more: readonly string[] = [],
): string {
  return bundleReadme(`Subject access request: person ${personId}`, generatedAt, 'on this person', result, {
    files: [...more, 'manifest.json: the SHA-256 of every file'],
    closing: [
      'Staff are not named: the audit log says only whether the person or a member of staff acted; who booked, ran or gave training and support is left out.',
      `The children matched or placed with the family are other people: no record here names them, and their names are replaced by ${REDACTED_CHILD} wherever the free text of training, preparation, support and their expressions of interest names them.`,
      'Case documents filed on the family are included (documents/). Documents requested through the portal are listed, not included: send them from the record once reviewed.',
      'Satisfaction questionnaires: a local authority member of staff’s answers about the service for a child (each statement, the overall score and their comment) are in satisfaction.json, without the child. Answers to the workers’ questionnaire are anonymous by design: they hold no person, no day and no time, so they cannot be found by person and are not in this bundle; satisfaction.json says only which financial years the person answered it in.',
    ],
  });
}

/** The bundle's README and manifest (SHA-256 of every file, the README included), without documents or PDF. */
export function bundle(personId: string, generatedAt: Date, result: ReturnType<typeof redactForPerson>): BundleFile[] {
  return withManifest({ personId }, generatedAt, [{ name: 'README.md', content: personReadme(personId, generatedAt, result) }, ...result.files]);
}
