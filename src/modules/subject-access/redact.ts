import { createHash } from 'node:crypto';

/**
 * What a subject access bundle shows of records that are also about other people: pure rules,
 * unit-tested. The person's own details are given in full; other people's names and contact
 * details are replaced by REDACTED, and free text that may name others is kept but listed in
 * `forReview` for the person answering the request to read before sending.
 */

export const REDACTED = '[redacted: another person]';

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
  audit: Row[];
};

/** A file of the bundle: JSON and text as strings, documents and the PDF summary as bytes. */
export type BundleFile = { name: string; content: string | Buffer };

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

  json('audit.json', records.audit);
  return { files, redacted, forReview };
}

export function sha256(content: string | Buffer): string {
  return typeof content === 'string' ? createHash('sha256').update(content, 'utf8').digest('hex') : createHash('sha256').update(content).digest('hex');
}

/** The manifest (SHA-256 and size of every file) added to the files. */
export function withManifest(subject: Record<string, string>, generatedAt: Date, files: BundleFile[]): BundleFile[] {
  const manifest = {
    ...subject,
    generatedAt: generatedAt.toISOString(),
    files: files.map((f) => ({ name: f.name, sha256: sha256(f.content), bytes: Buffer.byteLength(f.content) })),
  };
  return [...files, { name: 'manifest.json', content: `${JSON.stringify(manifest, null, 2)}\n` }];
}

/**
 * A bundle's README, the one shape for a person's and a child's: what was gathered, the files
 * (with those the caller adds after the records), what was redacted, what to read before sending,
 * and the closing words.
 */
export function bundleReadme(
  heading: string,
  generatedAt: Date,
  about: string,
  result: { files: readonly BundleFile[]; redacted: readonly string[]; forReview: readonly string[] },
  more: { files: readonly string[]; closing: readonly string[] },
): string {
  return [
    `# ${heading}`,
    '',
    `Gathered ${generatedAt.toISOString()} from the Adopting Together platform: everything it holds ${about},`,
    'read through each module that owns the records. Review it before it is sent.',
    '',
    '## Files',
    ...result.files.map((f) => `- ${f.name}`),
    ...more.files.map((f) => `- ${f}`),
    '',
    '## Redacted (other people)',
    ...(result.redacted.length ? result.redacted.map((r) => `- ${r}`) : ['- nothing']),
    '',
    '## To read before sending (free text that may name other people)',
    ...(result.forReview.length ? result.forReview.map((r) => `- ${r}`) : ['- nothing']),
    '',
    ...more.closing,
    '',
  ].join('\n');
}

/** The bundle's README and manifest (SHA-256 of every file, the README included). */
export function bundle(personId: string, generatedAt: Date, result: ReturnType<typeof redactForPerson>): BundleFile[] {
  const readme = bundleReadme(`Subject access request: person ${personId}`, generatedAt, 'on this person', result, {
    files: ['manifest.json: the SHA-256 of every file'],
    closing: [
      'Staff are not named: the audit log says only whether the person or a member of staff acted.',
      'Documents themselves (files) are listed, not included: send them from the record once reviewed.',
    ],
  });
  return withManifest({ personId }, generatedAt, [{ name: 'README.md', content: readme }, ...result.files]);
}
