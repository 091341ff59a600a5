import { z } from 'zod';
import type { FieldError } from '../../platform/http/errors.ts';
import { errorViewModel } from '../../server/page.ts';
import { route, type Call } from '../../server/route.ts';
import type { Services } from '../../server/services.ts';
import { sendStoredFile, storedFileRefusal, uploadedFileName } from '../../server/uploads.ts';
import { fields } from '../../platform/http/validation.ts';
import { messageItems, threadRows } from './conversation-view.ts';

const optionalFile = z.instanceof(Buffer).optional();
const messageBody = z.string().trim().min(1, 'portal:errors.messages.bodyRequired').max(5000, 'portal:errors.messages.bodyTooLong');
const newThreadForm = z.object({
  subject: z.string().trim().min(1, 'portal:errors.messages.subjectRequired').max(150, 'portal:errors.messages.subjectTooLong'),
  body: messageBody,
  file: optionalFile,
});
const replyForm = z.object({ body: messageBody, file: optionalFile });
const threadParams = z.object({ threadId: fields.uuid() });
const attachmentParams = z.object({ threadId: fields.uuid(), messageId: fields.uuid() });
const reassignForm = z.object({ workerId: fields.uuid(), version: z.coerce.number().int().min(1) });

/** Messages between a family and its workers: the family's pages under /my-application, the staff's under /portal. */
export function conversationPageRoutes(services: Services) {
  const conversations = services.conversations;
  const idle = services.sessionIdleMinutes;

  async function threadPage(call: Call<{ threadId: string }>, family: boolean, errors: FieldError[] = [], status = 200, values: Record<string, unknown> = {}) {
    const view = await conversations.thread(call.ctx, call.params.threadId);
    const base = family ? '/my-application/messages' : '/portal/messages';
    return call.render(
      'portal/views/thread.njk',
      {
        pageTitle: view.thread.subject,
        family,
        idleMinutes: idle,
        backHref: base,
        action: `${base}/${view.thread.id}`,
        thread: view.thread,
        messages: messageItems(view.messages, family, (id) => `${base}/${view.thread.id}/attachments/${id}`, call.t, call.language),
        workers: view.workers?.map((w) => ({ value: w.id, text: w.name, selected: w.id === view.thread.workerId })) ?? null,
        values,
        ...errorViewModel(errors, call.t),
      },
      status,
    );
  }

  function newThreadPage(call: Call, errors: FieldError[] = [], status = 200, values: Record<string, unknown> = {}) {
    return call.render(
      'portal/views/thread-new.njk',
      { pageTitle: call.t('portal:messages.new.title'), idleMinutes: idle, values, ...errorViewModel(errors, call.t) },
      errors.length ? status : 200,
    );
  }

  const replyRoute = (family: boolean) =>
    route({
      method: 'POST',
      url: family ? '/my-application/messages/:threadId' : '/portal/messages/:threadId',
      kind: 'page',
      action: 'portalMessages.send',
      summary: family ? 'The family answers in a thread (with an attachment if they wish)' : 'A worker answers a family in a thread',
      params: threadParams,
      body: replyForm,
      onInvalid: (call, errors) => threadPage(call, family, errors, 400, call.body as Record<string, unknown>),
      handler: async (call) => {
        try {
          await conversations.reply(call.ctx, call.params.threadId, { body: call.body.body, file: fileOf(call, call.body.file) });
        } catch (error) {
          const refusal = storedFileRefusal(error);
          if (!refusal) throw error;
          return threadPage(call, family, refusal.errors, refusal.status, { body: call.body.body });
        }
        return call.redirect(`${family ? '/my-application/messages' : '/portal/messages'}/${call.params.threadId}`, call.t('portal:messages.sent'));
      },
    });

  const attachmentRoute = (family: boolean) =>
    route({
      method: 'GET',
      url: family ? '/my-application/messages/:threadId/attachments/:messageId' : '/portal/messages/:threadId/attachments/:messageId',
      kind: 'page',
      action: 'portalMessages.view',
      summary: 'Download a message’s attachment (checksum verified)',
      params: attachmentParams,
      handler: async (call) => sendStoredFile(call, await conversations.attachment(call.ctx, call.params.threadId, call.params.messageId)),
    });

  return [
    route({
      method: 'GET',
      url: '/my-application/messages',
      kind: 'page',
      action: 'portalMessages.view',
      summary: 'The family’s messages with the agency',
      handler: async (call) =>
        call.render('portal/views/threads.njk', {
          pageTitle: call.t('portal:messages.title'),
          family: true,
          idleMinutes: idle,
          threads: threadRows(await conversations.familyThreads(call.ctx), (id) => `/my-application/messages/${id}`, call.t, call.language),
        }),
    }),
    route({
      method: 'GET',
      url: '/my-application/messages/new',
      kind: 'page',
      action: 'portalMessages.send',
      summary: 'Write a new message to the family’s social worker',
      handler: async (call) => newThreadPage(call),
    }),
    route({
      method: 'POST',
      url: '/my-application/messages/new',
      kind: 'page',
      action: 'portalMessages.send',
      summary: 'Send a new message (with an attachment if the family wishes)',
      body: newThreadForm,
      onInvalid: (call, errors) => newThreadPage(call, errors, 400, call.body as Record<string, unknown>),
      handler: async (call) => {
        try {
          const { threadId } = await conversations.startThread(call.ctx, {
            subject: call.body.subject,
            body: call.body.body,
            file: fileOf(call, call.body.file),
          });
          return call.redirect(`/my-application/messages/${threadId}`, call.t('portal:messages.sent'));
        } catch (error) {
          const refusal = storedFileRefusal(error);
          if (!refusal) throw error;
          return newThreadPage(call, refusal.errors, refusal.status, { subject: call.body.subject, body: call.body.body });
        }
      },
    }),
    route({
      method: 'GET',
      url: '/my-application/messages/:threadId',
      kind: 'page',
      action: 'portalMessages.view',
      summary: 'One conversation with the agency',
      params: threadParams,
      handler: async (call) => threadPage(call, true),
    }),
    replyRoute(true),
    attachmentRoute(true),
    route({
      method: 'GET',
      url: '/portal/messages',
      kind: 'page',
      action: 'portalMessages.view',
      summary: 'Families’ messages: the threads of the households allocated to the worker (all, for the service manager)',
      handler: async (call) => {
        if (call.actor.kind === 'user' && call.actor.roles.includes('adopter')) return call.redirect('/my-application/messages');
        return call.render('portal/views/threads.njk', {
          pageTitle: call.t('portal:messages.staffTitle'),
          family: false,
          threads: threadRows(await conversations.workerThreads(call.ctx), (id) => `/portal/messages/${id}`, call.t, call.language),
        });
      },
    }),
    route({
      method: 'GET',
      url: '/portal/messages/:threadId',
      kind: 'page',
      action: 'portalMessages.view',
      summary: 'One family’s conversation, as the worker or the service manager sees it (with read receipts)',
      params: threadParams,
      handler: async (call) => threadPage(call, false),
    }),
    replyRoute(false),
    attachmentRoute(false),
    route({
      method: 'POST',
      url: '/my-application/stay-signed-in',
      kind: 'page',
      action: 'portal.view',
      summary: 'Stay signed in (the session-timeout warning’s button; the request itself renews the session)',
      handler: async (call) => call.redirect(returnPath(call.request.headers.referer), call.t('portal:session.extended')),
    }),
    route({
      method: 'POST',
      url: '/portal/messages/:threadId/reassign',
      kind: 'page',
      action: 'portalMessages.reassign',
      summary: 'The service manager hands a family’s thread to another worker',
      params: threadParams,
      body: reassignForm,
      handler: async (call) => {
        await conversations.reassign(call.ctx, call.params.threadId, { workerId: call.body.workerId, version: call.body.version });
        return call.redirect(`/portal/messages/${call.params.threadId}`, call.t('portal:messages.reassigned'));
      },
    }),
  ];
}

/** Back to the page the person was on (a path of this site only), or their application. */
export function returnPath(referer: string | undefined): string {
  try {
    const url = new URL(referer ?? '', 'http://x.invalid');
    if (url.host === 'x.invalid' || referer?.startsWith('http')) {
      const path = `${url.pathname}${url.search}`;
      if (path.startsWith('/my-application') && !path.startsWith('//')) return path;
    }
  } catch {
    /* the default below */
  }
  return '/my-application';
}

/** The uploaded file of a form with its name, or nothing when the file field was left empty. */
export function fileOf(call: Call, bytes: Buffer | undefined): { filename?: string; bytes: Buffer } | undefined {
  return bytes && bytes.length > 0 ? { filename: uploadedFileName(call.request), bytes } : undefined;
}
