import { ATTENDANCE_TAG, courseTitle, escapeHtml, longDate, sessionWhen, STATUS_TAG, tagHtml, type T } from './format.ts';

/** A booking as an applicant's training record shows it. */
export type TrainingRecordBooking = {
  bookingId: string;
  courseId: string;
  courseTitle: string;
  courseTitleCy: string;
  courseKind: 'preparation' | 'therapeutic_preparation' | 'post_approval' | 'post_placement';
  requiredForStage1: boolean;
  sessionId: string;
  startsAt: Date;
  endsAt: Date;
  venue: string;
  status: 'booked' | 'cancelled';
  attendance: 'attended' | 'absent' | null;
  certificateNumber: string | null;
  certificateIssuedOn: string | null;
};

/** What householdTraining returns: per applicant, their bookings and whether Stage 1 training is done. */
export type HouseholdTraining = {
  householdId: string;
  reference: string;
  requiredCourses: { id: string; title: string; titleCy: string }[];
  applicants: {
    applicantId: string;
    name: string;
    preferredLanguage: 'en' | 'cy';
    stage1Complete: boolean;
    missingRequiredCourses: { id: string; title: string; titleCy: string }[];
    bookings: TrainingRecordBooking[];
  }[];
};

type Cell = { text?: string; html?: string; attributes?: Record<string, string> };

/** The `training` variable of views/household-training.njk. */
export type HouseholdTrainingView = {
  applicants: {
    applicantId: string;
    name: string;
    stage1Html: string;
    missing: string[];
    caption: string;
    head: Cell[];
    rows: Cell[][];
  }[];
  hasRequiredCourses: boolean;
};

/**
 * Builds the household training partial's variable from householdTraining's record, in the page's
 * language. With `links`, staff pages link each session and certificate (adopters' pages do not:
 * those pages are for staff).
 */
export function householdTrainingView(record: HouseholdTraining, t: T, language: string, options: { links?: boolean } = {}): HouseholdTrainingView {
  const links = options.links ?? false;
  return {
    hasRequiredCourses: record.requiredCourses.length > 0,
    applicants: record.applicants.map((applicant) => ({
      applicantId: applicant.applicantId,
      name: applicant.name,
      stage1Html: tagHtml(
        t(applicant.stage1Complete ? 'training:record.stage1.complete' : 'training:record.stage1.incomplete'),
        applicant.stage1Complete ? 'govuk-tag--green' : 'govuk-tag--yellow',
        'stage1-training',
      ),
      missing: applicant.missingRequiredCourses.map((c) => courseTitle(c, language)),
      caption: t('training:record.caption', { name: applicant.name }),
      head: [
        { text: t('training:record.table.course') },
        { text: t('training:record.table.when') },
        { text: t('training:record.table.status') },
        { text: t('training:record.table.attendance') },
        { text: t('training:record.table.certificate') },
      ],
      rows: applicant.bookings.map((b) => {
        const title = escapeHtml(courseTitle({ title: b.courseTitle, titleCy: b.courseTitleCy }, language));
        const certificate = b.certificateNumber
          ? `${links ? `<a class="govuk-link" href="/certificates/${b.bookingId}">${escapeHtml(b.certificateNumber)}</a>` : escapeHtml(b.certificateNumber)}<br><span class="govuk-body-s">${escapeHtml(longDate(b.certificateIssuedOn, language))}</span>`
          : '';
        return [
          { html: links ? `<a class="govuk-link" href="/sessions/${b.sessionId}">${title}</a>` : title },
          { text: sessionWhen(b.startsAt, b.endsAt, t, language) },
          { html: tagHtml(t(`training:vocabulary.status.${b.status}`), STATUS_TAG[b.status]!) },
          { html: tagHtml(t(`training:vocabulary.attendance.${b.attendance ?? 'none'}`), ATTENDANCE_TAG[b.attendance ?? 'none']!) },
          {
            html: certificate || `<span class="govuk-hint">${escapeHtml(t('training:record.noCertificate'))}</span>`,
            attributes: { 'data-testid': 'certificate-cell' },
          },
        ];
      }),
    })),
  };
}
