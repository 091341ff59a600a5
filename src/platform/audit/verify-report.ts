/**
 * The line `together audit verify` prints. CLI output is English only, so the plural is chosen
 * here rather than through i18n: "1 entry", "N entries".
 */
export function auditVerifyReport(result: { rows: number; break?: { id: number } }): string {
  const noun = result.rows === 1 ? 'entry' : 'entries';
  if (result.break) return `Audit log BROKEN at entry ${result.break.id} (after ${result.rows} intact ${noun}).`;
  return `Audit log intact: ${result.rows} ${noun}.`;
}
