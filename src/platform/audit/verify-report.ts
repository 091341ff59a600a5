import type { AnchorResult } from './checkpoint.ts';

type VerifyResult = { rows: number; break?: { id: number }; anchor?: AnchorResult };

/** A checkpoint's time as an operator reads it: "2026-12-06 21:40 UTC". */
export function checkpointTime(at: string): string {
  return `${at.slice(0, 10)} ${at.slice(11, 16)} UTC`;
}

/** Whether `audit verify` failed: a broken chain, or one that no longer passes through its checkpoint. */
export function auditVerifyFailed(result: VerifyResult): boolean {
  return Boolean(result.break) || (result.anchor !== undefined && result.anchor.state !== 'none' && result.anchor.state !== 'anchored');
}

/**
 * The lines `together audit verify` prints. CLI output is English only, so the plural is chosen
 * here rather than through i18n: "1 entry", "N entries".
 */
export function auditVerifyReport(result: VerifyResult): string {
  const noun = result.rows === 1 ? 'entry' : 'entries';
  const chain = result.break
    ? `Audit log BROKEN at entry ${result.break.id} (after ${result.rows} intact ${noun}).`
    : `Audit log intact: ${result.rows} ${noun}.`;
  return result.anchor ? `${chain}\n${anchorLine(result.anchor)}` : chain;
}

function anchorLine(anchor: AnchorResult): string {
  switch (anchor.state) {
    case 'none':
      return 'Not anchored: no signed checkpoint of this database yet (the server writes one every few minutes and when it stops).';
    case 'anchored': {
      const since = anchor.beyond === 1 ? '1 entry since then is' : `${anchor.beyond} entries since then are`;
      return `Anchored up to entry ${anchor.checkpoint.seq} by the signed checkpoint of ${checkpointTime(anchor.checkpoint.at)}; ${since} not yet anchored.`;
    }
    case 'rewritten':
      return `Audit log REWRITTEN: entry ${anchor.checkpoint.seq} no longer matches the signed checkpoint of ${checkpointTime(anchor.checkpoint.at)}.`;
    case 'rewound':
      return `Audit log CUT SHORT: the chain ends before entry ${anchor.checkpoint.seq} of the signed checkpoint of ${checkpointTime(anchor.checkpoint.at)}.`;
    case 'forged':
      return `Checkpoint file ALTERED: line ${anchor.lines.join(', ')} has no valid signature.`;
  }
}
