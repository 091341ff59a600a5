/**
 * The front door of the case-documents module: the only file other modules (and src/server, the demo,
 * benchmarks) may import. Documents filed on a child, a sibling group, a household or a match, kept in
 * the platform's one document store. Tables, repositories, pages and API files stay private.
 */

export { caseDocumentRoutes } from './routes.ts';
export { createCaseDocumentsService, type CaseDocumentsService } from './service.ts';
// Read by the case chronology: a record's documents as plain entries (date, kind, title, link).
export { caseDocumentEntriesOf, caseDocumentsChronology, type CaseDocumentEntry } from './entries.ts';
export { CASE_DOCUMENT_KINDS, type CaseDocumentKind } from './vocabulary.ts';
// Read by the retention and subject-access modules: an organisation's documents, and those filed on given records; destroyed by retention.
export { caseDocumentsFiledOn, caseDocumentsOfOrganisation, destroyCaseDocumentsFiledOnInTx, destroyCaseDocumentsInTx } from './retention-records.ts';
