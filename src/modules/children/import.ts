import { recordAudit } from '../../platform/audit/audit.ts';
import type { RequestContext } from '../../platform/policy/actor.ts';
import { authorize } from '../../platform/policy/policy.ts';
import type { UseCaseRunner } from '../../platform/use-case.ts';
import { parseReferralCsv, type RejectedRow } from './import-rows.ts';
import type { ChildrenService } from './service.ts';

export type ImportMode = 'all-or-nothing' | 'valid-only';

export type ImportReport = { imported: number; referrals: number; rejected: RejectedRow[]; rows: number; committed: boolean };

/**
 * Imports referrals from CSV in one transaction. All or nothing by default; with `valid-only`
 * the valid referrals are imported and the rejected rows reported. A referral with any bad row is
 * rejected whole, so brothers and sisters are never imported apart.
 */
export function createReferralImport(runner: UseCaseRunner, children: ChildrenService) {
  async function importReferrals(ctx: RequestContext, csvText: string, mode: ImportMode): Promise<ImportReport> {
    authorize(ctx.actor, 'referrals.create');
    const parsed = parseReferralCsv(csvText);
    const blocked = mode === 'all-or-nothing' && parsed.rejected.length > 0;
    if (blocked || parsed.referrals.length === 0) {
      await runner.recordStandalone(ctx, { action: 'children.import', outcome: 'invalid', detail: { rows: parsed.rows, rejected: parsed.rejected.length } });
      return { imported: 0, referrals: 0, rejected: parsed.rejected, rows: parsed.rows, committed: false };
    }
    return runner.run(ctx, async (tx) => {
      let imported = 0;
      for (const referral of parsed.referrals) {
        const created = await children.submitReferralInTx(tx, ctx, referral.input);
        imported += created.childIds.length;
      }
      await recordAudit(tx, ctx, { action: 'children.import', detail: { rows: parsed.rows, imported, rejected: parsed.rejected.length, mode } });
      return { imported, referrals: parsed.referrals.length, rejected: parsed.rejected, rows: parsed.rows, committed: true };
    });
  }
  return { importReferrals };
}
