import { and, eq } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/audit.ts';
import { dateInWales } from '../../platform/dates/add-days.ts';
import type { Tx } from '../../platform/db/pool.ts';
import { ConflictError, NotFoundError, PreconditionFailedError } from '../../platform/http/errors.ts';
import type { RequestContext } from '../../platform/policy/actor.ts';
import { authorize, can } from '../../platform/policy/policy.ts';
import type { UseCaseRunner } from '../../platform/use-case.ts';
import { listOrganisations } from '../organisations/index.ts';
import { DEFAULT_DISCLOSURE, discloseCount, type Cell, type DisclosureConfig } from '../reporting/index.ts';
import { analyseGap, todaysOptimum, type GapAnalysis } from './gap-analysis.ts';
import { candidateHousehold, candidateProfileSchema, generateCandidates, type Candidate, type CandidateProfile } from './gap-profiles.ts';
import { DEFAULT_MATCHING_CONFIG, type MatchingConfig } from './matching-config.ts';
import { familiesOf, unitsOf, type Unit } from './pool.ts';
import * as poolRepo from './pool-repository.ts';
import { DEFAULT_PRIORITY, type PriorityConfig } from './recommendations.ts';
import { matchingGapCandidates } from './schema.ts';
import { configVersions } from './settings-repository.ts';
import { eligiblePairs } from './compatibility-matrix.ts';

export const DEFAULT_PLAN_TARGET = 5;
export const MAX_PLAN_TARGET = 20;

type Reader = { kind: 'agency'; agencyId: string } | { kind: 'localAuthority'; organisationId: string } | { kind: 'funder' };

function readerOf(ctx: RequestContext): Reader {
  const actor = ctx.actor;
  if (actor.kind !== 'user') throw new NotFoundError();
  if (actor.organisationType === 'agency') return { kind: 'agency', agencyId: actor.organisationId };
  if (actor.organisationType === 'local_authority') return { kind: 'localAuthority', organisationId: actor.organisationId };
  return { kind: 'funder' };
}

/** The agency's view: every figure exact, and the children behind it. */
export type AgencyGap = { disclosed: false; analysis: GapAnalysis; planTarget: number; mayEdit: boolean };

/** Outside the agency: counts only, disclosure-controlled, per agency; a local authority counts only its own children. */
export type DisclosedGap = {
  disclosed: true;
  planTarget: number;
  agencies: {
    agencyId: string;
    agencyName: string;
    agencyNameCy: string | null;
    waitingChildren: Cell;
    leftWaitingChildren: Cell;
    candidates: { candidate: Candidate; moreChildren: Cell[]; perFamilyShown: boolean }[];
    planChildren: Cell;
  }[];
};

const countChildren = (units: readonly Unit[], own: (u: Unit) => boolean) => units.filter(own).reduce((n, u) => n + u.children.length, 0);

/**
 * The recruitment gap: which family profiles would place the most of today's waiting children,
 * exactly (the optimal assignment solved again with K families of each added), and the greedy
 * plan for a campaign. A what-if over today's children and weights; it decides nothing.
 */
export function createRecruitmentGapService(
  runner: UseCaseRunner,
  options: { priority?: PriorityConfig; clock?: () => Date; disclosure?: DisclosureConfig } = {},
) {
  const priority = options.priority ?? DEFAULT_PRIORITY;
  const clock = options.clock ?? (() => new Date());
  const disclosure = options.disclosure ?? DEFAULT_DISCLOSURE;

  async function storedCandidates(tx: Tx, organisationId: string): Promise<Candidate[]> {
    const rows = await tx
      .select()
      .from(matchingGapCandidates)
      .where(eq(matchingGapCandidates.organisationId, organisationId))
      .orderBy(matchingGapCandidates.createdAt, matchingGapCandidates.id);
    return rows.flatMap((r) => {
      const parsed = candidateProfileSchema.safeParse(r.profile);
      return parsed.success ? [{ id: r.id, source: 'manual' as const, profile: parsed.data, version: r.version }] : [];
    });
  }

  /** What the gap reads of today: every waiting child the transaction may see, the agency's approved families and its weights. */
  async function poolOf(tx: Tx, agencyId: string) {
    const childRows = await poolRepo.waitingChildren(tx);
    const householdRows = await poolRepo.availableHouseholds(tx, agencyId);
    const centroids = await poolRepo.centroids(tx);
    const saved = await configVersions.current(tx, agencyId);
    const config: MatchingConfig = saved.value ?? DEFAULT_MATCHING_CONFIG;
    const units = unitsOf(childRows, dateInWales(clock()));
    const { families } = familiesOf(householdRows);
    return { units, families, config, centroids, priority };
  }

  /** One agency's gap over every waiting child the transaction may see. */
  async function analyse(tx: Tx, agencyId: string, planTarget: number): Promise<GapAnalysis> {
    const pool = await poolOf(tx, agencyId);
    const manual = await storedCandidates(tx, agencyId);
    // Profiles from the children today's optimum leaves waiting, found by the same solve that weighs them.
    const candidates = (leftWaiting: readonly Unit[]) => [...manual, ...generateCandidates(leftWaiting)];
    return analyseGap({ ...pool, candidates, planTarget });
  }

  async function recruitmentGap(ctx: RequestContext, query: { planTarget?: number } = {}): Promise<AgencyGap | DisclosedGap> {
    authorize(ctx.actor, 'matching.recruitmentGap');
    const reader = readerOf(ctx);
    const planTarget = Math.min(MAX_PLAN_TARGET, Math.max(1, query.planTarget ?? DEFAULT_PLAN_TARGET));
    if (reader.kind === 'agency') {
      return runner.run(ctx, async (tx) => {
        const analysis = await analyse(tx, reader.agencyId, planTarget);
        const listed = can(ctx.actor, 'matching.recruitmentGap.children');
        await recordAudit(tx, ctx, {
          action: 'matching.recruitmentGap',
          resourceType: 'cohort',
          detail: { waitingUnits: analysis.waitingUnits, families: analysis.families, candidates: analysis.candidates.length, disclosed: false, listed },
        });
        return { disclosed: false, analysis, planTarget, mayEdit: can(ctx.actor, 'matching.recruitmentGap.edit') };
      });
    }
    // Outside the agency nobody sees a row: the platform works the gap out and only disclosure-controlled counts leave it.
    return runner.runAsSystemJob('aggregateRecruitmentGap', ctx, async (tx) => {
      const agencies = (await listOrganisations(tx)).items.filter((o) => o.type === 'agency');
      const own = (u: Unit) => reader.kind !== 'localAuthority' || u.organisationId === reader.organisationId;
      const answer: DisclosedGap = { disclosed: true, planTarget, agencies: [] };
      for (const agency of agencies) {
        const analysis = await analyse(tx, agency.id, planTarget);
        answer.agencies.push({
          agencyId: agency.id,
          agencyName: agency.name,
          agencyNameCy: agency.nameCy,
          waitingChildren: discloseCount(countChildren(analysis.units, own), disclosure),
          leftWaitingChildren: discloseCount(countChildren(analysis.leftWaiting, own), disclosure),
          // A profile that fits fewer waiting units than the smallest count shown would describe them: outside the agency it is left out.
          candidates: analysis.candidates
            .filter((c) => c.eligibleUnits >= disclosure.minimumCount && c.gains.some((g) => countChildren(g.units, own) > 0))
            .map((c) => ({
              candidate: c.candidate,
              moreChildren: c.gains.map((g) => discloseCount(countChildren(g.units, own), disclosure)),
              perFamilyShown: false,
            })),
          planChildren: discloseCount(
            countChildren(
              analysis.plan.map((s) => s.unit),
              own,
            ),
            disclosure,
          ),
        });
      }
      await recordAudit(tx, ctx, {
        action: 'matching.recruitmentGap',
        resourceType: 'cohort',
        detail: { agencies: agencies.length, disclosed: true, localAuthority: reader.kind === 'localAuthority' },
      });
      return answer;
    });
  }

  /** A candidate profile written by hand (the manager's), stored for the agency. */
  async function addCandidate(ctx: RequestContext, profile: CandidateProfile) {
    return runner.run(ctx, async (tx) => {
      authorize(ctx.actor, 'matching.recruitmentGap.edit');
      const reader = readerOf(ctx);
      if (reader.kind !== 'agency') throw new NotFoundError();
      const [row] = await tx
        .insert(matchingGapCandidates)
        .values({ organisationId: reader.agencyId, profile, createdBy: ctx.actor.kind === 'user' ? ctx.actor.userId : null })
        .returning();
      await recordAudit(tx, ctx, { action: 'matching.recruitmentGap.edit', resourceType: 'gap_candidate', resourceId: row!.id, detail: { part: 'added' } });
      return { id: row!.id, source: 'manual' as const, profile, version: row!.version };
    });
  }

  /** Edits a stored candidate; the version read must still be current. */
  async function editCandidate(ctx: RequestContext, id: string, profile: CandidateProfile, version: number) {
    return runner.run(ctx, async (tx) => {
      authorize(ctx.actor, 'matching.recruitmentGap.edit');
      const reader = readerOf(ctx);
      if (reader.kind !== 'agency') throw new NotFoundError();
      const [current] = await tx.select().from(matchingGapCandidates).where(eq(matchingGapCandidates.id, id)).for('update');
      if (!current || current.organisationId !== reader.agencyId) throw new NotFoundError();
      if (current.version !== version) throw new PreconditionFailedError(current.version);
      const [row] = await tx
        .update(matchingGapCandidates)
        .set({ profile, version: version + 1, updatedAt: new Date() })
        .where(and(eq(matchingGapCandidates.id, id), eq(matchingGapCandidates.version, version)))
        .returning();
      if (!row) throw new ConflictError();
      await recordAudit(tx, ctx, { action: 'matching.recruitmentGap.edit', resourceType: 'gap_candidate', resourceId: id, detail: { part: 'edited' } });
      return { id, source: 'manual' as const, profile, version: row.version };
    });
  }

  /** A profile the manager wrote, to change it on a page (a read of the gap, audited). */
  async function getCandidate(ctx: RequestContext, id: string): Promise<Candidate> {
    return runner.run(ctx, async (tx) => {
      authorize(ctx.actor, 'matching.recruitmentGap.edit');
      const reader = readerOf(ctx);
      if (reader.kind !== 'agency') throw new NotFoundError();
      const found = (await storedCandidates(tx, reader.agencyId)).find((c) => c.id === id);
      if (!found) throw new NotFoundError();
      await recordAudit(tx, ctx, { action: 'matching.recruitmentGap', resourceType: 'gap_candidate', resourceId: id, detail: { part: 'profile' } });
      return found;
    });
  }

  /**
   * A profile of today's gap by its id (the manager's own, or one made from the children waiting
   * today), for a campaign aimed at it; null when today's gap has no such profile. Audited.
   */
  async function findCandidate(ctx: RequestContext, id: string): Promise<Candidate | null> {
    authorize(ctx.actor, 'matching.recruitmentGap');
    const reader = readerOf(ctx);
    if (reader.kind !== 'agency') throw new NotFoundError();
    return runner.run(ctx, async (tx) => {
      let found: Candidate | null = (await storedCandidates(tx, reader.agencyId)).find((c) => c.id === id) ?? null;
      if (!found) {
        // Generated profiles are not stored: their id is made from the profile, so the day's first solve finds them again.
        const { leftWaiting } = todaysOptimum(await poolOf(tx, reader.agencyId));
        found = generateCandidates(leftWaiting).find((c) => c.id === id) ?? null;
      }
      await recordAudit(tx, ctx, {
        action: 'matching.recruitmentGap',
        resourceType: 'gap_candidate',
        resourceId: id,
        outcome: found ? 'success' : 'not_found',
        detail: { part: 'campaign-profile' },
      });
      return found;
    });
  }

  /**
   * For a campaign aimed at a candidate profile: the agency's approved families whose terms cover
   * the profile's (they could take every unit the profile could), and the waiting units they could
   * be matched with now (within every limit of at least one of them). Counts only.
   */
  async function audienceOf(tx: Tx, agencyId: string, candidate: Candidate): Promise<{ families: number; units: number; children: number }> {
    const { units, families, config, centroids } = await poolOf(tx, agencyId);
    const profileUnits = eligiblePairs(units, [candidateHousehold(candidate)], config, { centroids });
    const fits = new Set<number>();
    for (let g = 0; g < profileUnits.groupCount; g++) if (profileUnits.offsets[g + 1]! > profileUnits.offsets[g]!) fits.add(g);
    const all = eligiblePairs(units, families, config, { centroids });
    // A family matches the profile when every unit the profile could take, it could take too.
    const byFamily = new Map<number, Set<number>>();
    for (let g = 0; g < all.groupCount; g++)
      for (let i = all.offsets[g]!; i < all.offsets[g + 1]!; i++) {
        const f = all.households[i]!;
        if (!byFamily.has(f)) byFamily.set(f, new Set());
        byFamily.get(f)!.add(g);
      }
    const matching = [...byFamily.entries()].filter(([, gs]) => fits.size > 0 && [...fits].every((g) => gs.has(g)));
    const reachable = new Set(matching.flatMap(([, gs]) => [...gs]));
    return { families: matching.length, units: reachable.size, children: [...reachable].reduce((n, g) => n + units[g]!.children.length, 0) };
  }

  /**
   * The campaign's audience figures (campaigns asks through the composition root's services):
   * null for a reader who may not see the gap or is outside the agency. Audited as a view of the gap.
   */
  async function campaignAudience(ctx: RequestContext, candidate: Candidate) {
    if (!can(ctx.actor, 'matching.recruitmentGap')) return null;
    const reader = readerOf(ctx);
    if (reader.kind !== 'agency') return null;
    return runner.run(ctx, async (tx) => {
      const found = await audienceOf(tx, reader.agencyId, candidate);
      await recordAudit(tx, ctx, {
        action: 'matching.recruitmentGap',
        resourceType: 'gap_candidate',
        resourceId: candidate.id,
        detail: { part: 'campaign-audience' },
      });
      return found;
    });
  }

  return { recruitmentGap, addCandidate, editCandidate, getCandidate, findCandidate, campaignAudience };
}

export type RecruitmentGapService = ReturnType<typeof createRecruitmentGapService>;
