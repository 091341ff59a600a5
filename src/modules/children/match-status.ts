import { eq, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/pool.ts';
import { childEvents, children } from './schema.ts';
import type { ChildEventKind } from './timeline.ts';

/**
 * Written for matching, in the caller's transaction: the children module owns the child's status and
 * timeline, so matching asks here rather than writing the children tables itself. Keeps each child's
 * status in step with their match, with a line on the child's timeline dated `at`.
 */
export async function setChildrenStatusInTx(
  tx: Tx,
  childIds: readonly string[],
  status: (typeof children.$inferSelect)['status'],
  event: ChildEventKind,
  actorId: string | null,
  at: Date,
  extra: Partial<typeof children.$inferInsert> = {},
) {
  for (const id of childIds) {
    const [before] = await tx
      .select({ status: children.status, organisationId: children.organisationId, version: children.version })
      .from(children)
      .where(eq(children.id, id));
    if (!before) continue;
    const [after] = await tx
      .update(children)
      .set({ status, ...extra, version: sql`${children.version} + 1`, updatedAt: new Date() })
      .where(eq(children.id, id))
      .returning({ version: children.version });
    await tx.insert(childEvents).values({
      childId: id,
      organisationId: before.organisationId,
      actorId,
      event,
      at,
      changes: before.status === status ? null : { status: { from: before.status, to: status } },
      version: after?.version,
    });
  }
}
