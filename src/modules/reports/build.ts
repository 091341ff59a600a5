import { DEFAULT_DISCLOSURE, type DisclosureConfig } from '../reporting/index.ts';
import type { ReportDocument, ReportLanguage } from './document.ts';
import type { ReportFacts } from './facts.ts';
import type { Build } from './build-helpers.ts';
import { acesSection, flowSection, prioritySection, timelinessSection } from './sections-children.ts';
import { moneySection, outcomesSection, recruitmentSection, satisfactionSection, supportSection, workforceSection } from './sections-service.ts';
import { wordsOf } from './words.ts';

export type ReportHeading = {
  language: ReportLanguage;
  /** The funder or commissioning local authority, by name. */
  recipient: string;
  issuer: string;
  period: { from: string; to: string };
  /** "R-2026-0004 v2" once issued; null in a preview. */
  reference: string | null;
  /** The day it was issued (ISO date); null in a preview. */
  issuedOn: string | null;
  /** The agency's disclosure settings (DEFAULT_DISCLOSURE when it has none). */
  disclosure?: DisclosureConfig;
};

/** "1 April 2026" / "1 Ebrill 2026". */
export function dateWords(iso: string, language: ReportLanguage): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return new Intl.DateTimeFormat(language === 'cy' ? 'cy-GB' : 'en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(Date.UTC(y, m - 1, d)),
  );
}

/**
 * The report as plain data, from the facts of its period: pure (no database, no clock), so every
 * measure is unit-tested on hand-made facts and the preview, the issued snapshot and all three files
 * say the same. Every figure about children or families passes the reporting module's disclosure control.
 */
export function buildReportDocument(facts: ReportFacts, heading: ReportHeading): ReportDocument {
  const config = heading.disclosure ?? DEFAULT_DISCLOSURE;
  const w = wordsOf(heading.language);
  const build: Build = { w, config, language: heading.language };
  return {
    language: heading.language,
    title: w.title(heading.recipient),
    recipient: heading.recipient,
    issuer: heading.issuer,
    period: {
      from: heading.period.from,
      to: heading.period.to,
      words: w.periodWords(dateWords(heading.period.from, heading.language), dateWords(heading.period.to, heading.language)),
    },
    reference: heading.reference,
    issuedOn: heading.issuedOn ? dateWords(heading.issuedOn, heading.language) : null,
    disclosureNote: w.disclosure(config.minimumCount, config.roundTotalsTo),
    sections: [
      flowSection(facts, build),
      prioritySection(facts, build),
      acesSection(facts, build),
      timelinessSection(facts, build),
      outcomesSection(facts, build),
      satisfactionSection(facts, build),
      recruitmentSection(facts, build),
      supportSection(facts, build),
      workforceSection(facts, build),
      moneySection(facts, build),
    ],
  };
}
