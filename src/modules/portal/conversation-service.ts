import { recordAudit } from '../../platform/audit/audit.ts';
import type { AcceptedFile, DocumentStore, StoredFile } from '../../platform/documents/store.ts';
import { fileOrRefusal } from '../../platform/documents/store.ts';
import { ConflictError, DomainError, NotFoundError } from '../../platform/http/errors.ts';
import type { RequestContext } from '../../platform/policy/actor.ts';
import { can } from '../../platform/policy/policy.ts';
import type { UseCaseRunner } from '../../platform/use-case.ts';
import { householdResource, isFamily, ownHousehold, threadFor, userIdOf } from './conversation-access.ts';
import * as repo from './conversation-repository.ts';

export type Upload = { filename?: string; bytes: Buffer };

export type ThreadSummary = {
  id: string;
  householdId: string;
  subject: string;
  workerName: string | null;
  lastMessageAt: Date;
  unread: number;
};

export type ThreadMessage = {
  id: string;
  fromFamily: boolean;
  authorName: string | null;
  body: string;
  createdAt: Date;
  readAt: Date | null;
  attachment: { filename: string; byteSize: number } | null;
};

export type ThreadView = {
  thread: { id: string; subject: string; householdId: string; householdReference: string; workerId: string | null; version: number };
  messages: ThreadMessage[];
  /** The service manager may hand the thread to another worker: who. */
  workers: { id: string; name: string }[] | null;
};

const summary = (row: Awaited<ReturnType<typeof repo.threadsOfHousehold>>[number]): ThreadSummary => ({
  id: row.thread.id,
  householdId: row.thread.householdId,
  subject: row.thread.subject,
  workerName: row.workerName,
  lastMessageAt: row.thread.lastMessageAt,
  unread: row.unread,
});

/**
 * Messages between a family and the agency in the portal. A family writes to its allocated worker
 * and reads the answers; a worker reads and answers the threads of the households allocated to them;
 * the service manager sees every thread and may hand one to another worker. A message never leaves
 * its household: the thread fixes the household, the policy and row-level security guard it.
 * Notifications are not sent here: `portal.messageReceived` is published for whoever follows it.
 */
export function createConversationService(runner: UseCaseRunner, store: DocumentStore, clock: () => Date = () => new Date()) {
  const { run, events } = runner;

  async function accepted(upload: Upload | undefined): Promise<AcceptedFile | undefined> {
    return upload && upload.bytes.length > 0 ? store.accept(upload) : undefined;
  }

  /** The family's threads (their own household's). */
  async function familyThreads(ctx: RequestContext): Promise<ThreadSummary[]> {
    return run(ctx, async (tx) => {
      const household = await ownHousehold(tx, ctx, 'portalMessages.view');
      const rows = await repo.threadsOfHousehold(tx, household.id, false);
      await recordAudit(tx, ctx, { action: 'portalMessages.view', resourceType: 'household', resourceId: household.id, detail: { part: 'threads' } });
      return rows.map(summary);
    });
  }

  /** A worker's threads: of households allocated to them or handed to them; the service manager's: all. */
  async function workerThreads(ctx: RequestContext): Promise<ThreadSummary[]> {
    return run(ctx, async (tx) => {
      if (ctx.actor.kind !== 'user' || isFamily(ctx)) throw new NotFoundError();
      const actor = ctx.actor;
      const rows = can(actor, 'portalMessages.view', { type: 'household', organisationId: actor.organisationId })
        ? await repo.threadsOfOrganisation(tx, actor.organisationId)
        : await repo.threadsOfWorker(tx, actor.userId, await repo.householdsAllocatedTo(tx, actor.userId));
      await recordAudit(tx, ctx, { action: 'portalMessages.view', detail: { part: 'inbox', threads: rows.length } });
      return rows.map(summary);
    });
  }

  /** The family begins a conversation with their allocated worker. */
  async function startThread(ctx: RequestContext, input: { subject: string; body: string; file?: Upload }): Promise<{ threadId: string }> {
    const file = await accepted(input.file);
    return run(ctx, async (tx) => {
      const household = await ownHousehold(tx, ctx, 'portalMessages.send');
      const thread = await repo.insertThread(tx, {
        organisationId: household.organisationId,
        householdId: household.id,
        subject: input.subject,
        workerId: household.socialWorkerId,
        createdBy: userIdOf(ctx),
      });
      await send(tx, ctx, thread, household, input.body, file);
      return { threadId: thread.id };
    });
  }

  async function send(
    tx: Parameters<Parameters<typeof run>[1]>[0],
    ctx: RequestContext,
    thread: repo.ThreadRow,
    household: repo.HouseholdRow,
    body: string,
    file?: AcceptedFile,
  ) {
    const fromFamily = isFamily(ctx);
    const document = file
      ? await store.create(tx, ctx, { organisationId: household.organisationId, ownerKind: 'household', ownerId: household.id }, 'message_attachment', file)
      : undefined;
    const message = await repo.insertMessage(tx, {
      threadId: thread.id,
      organisationId: household.organisationId,
      householdId: household.id,
      authorId: userIdOf(ctx),
      fromFamily,
      body,
      documentId: document?.documentId ?? null,
    });
    await recordAudit(tx, ctx, {
      action: 'portalMessages.send',
      resourceType: 'portal_message',
      resourceId: message.id,
      detail: { thread: thread.id, household: household.id, ...(document ? { document: document.documentId } : {}) },
    });
    const recipients = fromFamily ? [thread.workerId ?? household.socialWorkerId].filter((id): id is string => Boolean(id)) : household.adopterUserIds;
    await events.publish(tx, ctx, 'portal.messageReceived', {
      messageId: message.id,
      threadId: thread.id,
      householdId: household.id,
      organisationId: household.organisationId,
      toFamily: !fromFamily,
      recipientUserIds: recipients,
    });
    return message;
  }

  /** An answer in a thread, by the family or the worker. */
  async function reply(ctx: RequestContext, threadId: string, input: { body: string; file?: Upload }): Promise<{ messageId: string }> {
    const file = await accepted(input.file);
    return run(ctx, async (tx) => {
      const { thread, household } = await threadFor(tx, ctx, threadId, 'portalMessages.send');
      const message = await send(tx, ctx, thread, household, input.body, file);
      return { messageId: message.id };
    });
  }

  /** One thread with its messages; opening it marks the other side's messages read (the receipt). */
  async function thread(ctx: RequestContext, threadId: string): Promise<ThreadView> {
    return run(ctx, async (tx) => {
      const { thread, household } = await threadFor(tx, ctx, threadId, 'portalMessages.view');
      const family = isFamily(ctx);
      const marked = await repo.markRead(tx, thread.id, !family, userIdOf(ctx), clock());
      const rows = await repo.messagesOfThread(tx, thread.id);
      const messages: ThreadMessage[] = [];
      for (const { message, authorName } of rows) {
        const file = message.documentId ? await store.describe(tx, message.documentId) : undefined;
        messages.push({
          id: message.id,
          fromFamily: message.fromFamily,
          authorName,
          body: message.body,
          createdAt: message.createdAt,
          readAt: message.readAt,
          attachment: file ? { filename: file.filename, byteSize: file.byteSize } : null,
        });
      }
      const mayReassign = !family && can(ctx.actor, 'portalMessages.reassign', householdResource(household, ctx, thread));
      await recordAudit(tx, ctx, {
        action: 'portalMessages.view',
        resourceType: 'portal_thread',
        resourceId: thread.id,
        detail: { household: household.id, markedRead: marked },
      });
      return {
        thread: {
          id: thread.id,
          subject: thread.subject,
          householdId: household.id,
          householdReference: household.reference,
          workerId: thread.workerId,
          version: thread.version,
        },
        messages,
        workers: mayReassign ? await repo.adoptionWorkers(tx, household.organisationId) : null,
      };
    });
  }

  /** The service manager hands a thread to another of the agency's adoption workers. */
  async function reassign(ctx: RequestContext, threadId: string, input: { workerId: string; version: number }): Promise<void> {
    await run(ctx, async (tx) => {
      const { thread, household } = await threadFor(tx, ctx, threadId, 'portalMessages.reassign');
      if (!(await repo.isAdoptionWorker(tx, input.workerId, household.organisationId))) throw new DomainError(422, 'portal:errors.messages.workerUnknown');
      const saved = await repo.reassignThread(tx, thread.id, input.workerId, input.version);
      if (!saved) throw new ConflictError('errors.conflict.body', thread.version);
      await recordAudit(tx, ctx, {
        action: 'portalMessages.reassign',
        resourceType: 'portal_thread',
        resourceId: thread.id,
        detail: { from: thread.workerId ?? '', to: input.workerId },
      });
    });
  }

  /** A message's attachment, its checksum verified (a changed file is refused, and the refusal audited). */
  async function attachment(ctx: RequestContext, threadId: string, messageId: string): Promise<StoredFile> {
    const result = await run(ctx, async (tx) => {
      const { thread } = await threadFor(tx, ctx, threadId, 'portalMessages.view');
      const message = await repo.getMessage(tx, thread.id, messageId);
      if (!message?.documentId) throw new NotFoundError();
      return store.read(tx, ctx, message.documentId, { action: 'portalMessages.view' });
    });
    const file = fileOrRefusal(result);
    if (!file) throw new NotFoundError();
    return file;
  }

  return { familyThreads, workerThreads, startThread, reply, thread, reassign, attachment };
}

export type ConversationService = ReturnType<typeof createConversationService>;
