import type { Static, TSchema } from '@sinclair/typebox';
import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import type { RequestContext } from '../platform/access/actor.ts';
import type { Permission } from '../platform/access/permissions.ts';
import type { Deps } from '../platform/deps.ts';
import { IdParam } from '../platform/http/schemas.ts';
import { answer, idempotencyKey } from '../platform/idempotency.ts';
import type { Engine } from '../engine/engine.ts';
import * as s from './complaint.schemas.ts';
import { addAttachment, ATTACHMENT_HARD_LIMIT, readAttachment } from './attachment.service.ts';
import { getSetup, putCategory, putRules } from './complaint-setup.service.ts';
import { getComplaint, listComplaints } from './complaint-read.service.ts';
import { complaintReport, exportReport } from './complaint-report.service.ts';
import { onFile, registerComplaint, suggest } from './intake.service.ts';
import * as steps from './complaint-steps.service.ts';
import { decideExtension, listExtensions, requestExtension } from './extension.service.ts';
import { addAction, completeAction, putRootCause } from './remediation.service.ts';

type Id = Static<typeof IdParam>;
type Schemas = typeof s;
type Body<T extends keyof Schemas> = Schemas[T] extends TSchema ? Static<Schemas[T]> : never;

/** Complaint handling (投诉处理): intake, the board, each step of the handling, extensions, remediation, reports. */
export function complaintRoutes(engine: Engine) {
  return (app: FastifyInstance, deps: Deps): void => {
    const tags = ['complaints'];
    /** A step on one complaint: run it, answer with the complaint as it now is. */
    const step = <B>(path: string, summary: string, body: TSchema, run: (id: string, body: B, ctx: RequestContext) => Promise<unknown>, permission: Permission = 'complaint.handle') =>
      app.post<{ Params: Id; Body: B }>(`/api/v1/complaints/:id/${path}`, { config: { access: { permission } }, schema: { tags, summary, params: IdParam, body } }, async (request) => {
        await run(request.params.id, request.body as B, request.ctx);
        return getComplaint(deps, engine, request.ctx, request.params.id);
      });

    app.get('/api/v1/complaint-setup', {
      config: { access: { authenticated: true } },
      schema: { tags, summary: 'The clock rules, the category tree (business categories and causes), channels' },
    }, async () => getSetup(deps));

    app.put<{ Body: Body<'RulesBody'> }>('/api/v1/complaint-setup/rules', {
      config: { access: { permission: 'complaint.configure' } },
      schema: { tags, summary: 'Change the clock rules (days, extensions, day count, at-risk share) and intake limits; applies to complaints received from now on', body: s.RulesBody },
    }, async (request) => putRules(deps, request.ctx, request.body));

    app.put<{ Params: { code: string }; Body: Body<'CategoryBody'> }>('/api/v1/complaint-setup/categories/:code', {
      config: { access: { permission: 'complaint.configure' } },
      schema: { tags, summary: 'Add or change a category or cause in the tree', params: { type: 'object', properties: { code: { type: 'string', pattern: '^[a-z][a-z0-9_]*$', maxLength: 40 } }, required: ['code'] }, body: s.CategoryBody },
    }, async (request) => putCategory(deps, request.ctx, request.params.code, request.body));

    app.get<{ Querystring: Body<'OnFileQuery'> }>('/api/v1/complaints/on-file', {
      config: { access: { permission: 'complaint.intake' } },
      schema: { tags, summary: 'What the bank already holds on the complainant and the case complained about, so it is not asked for again', querystring: s.OnFileQuery },
    }, async (request) => onFile(deps, request.ctx, request.query));

    app.post<{ Body: Body<'SuggestBody'> }>('/api/v1/complaints/suggest', {
      config: { access: { permission: 'complaint.intake' } },
      schema: { tags, summary: 'The classification the decision tables suggest for a complaint text: category, cause, priority, handling level', body: s.SuggestBody },
    }, async (request) => suggest(engine, request.body));

    app.post<{ Body: Body<'IntakeBody'> }>('/api/v1/complaints', {
      config: { access: { permission: 'complaint.intake' } },
      schema: { tags, summary: 'Register a complaint from any channel: reference, clock, suggested classification, acknowledgement, handling process started', body: s.IntakeBody },
    }, async (request, reply) => answer(reply, await registerComplaint(deps, engine, request.ctx, request.body, idempotencyKey(request))));

    app.get<{ Querystring: Body<'ComplaintQuery'> }>('/api/v1/complaints', {
      config: { access: { permission: 'complaint.read' } },
      schema: { tags, summary: "The complaints board of the caller's units, with clocks; sortable by days left", querystring: s.ComplaintQuery },
    }, async (request) => listComplaints(deps, engine, request.ctx, request.query));

    app.get<{ Params: Id }>('/api/v1/complaints/:id', {
      config: { access: { permission: 'complaint.read' } },
      schema: { tags, summary: 'One complaint (by id or reference): clock, timeline, current step, extensions, attachments, root cause and actions', params: IdParam },
    }, async (request) => getComplaint(deps, engine, request.ctx, request.params.id));

    step<Body<'AcceptBody'>>('accept', 'Accept the complaint, confirming or correcting the suggested classification and handling unit', s.AcceptBody, (id, b, ctx) => steps.accept(deps, engine, ctx, id, b));
    step<Body<'DeclineBody'>>('decline', 'Decline the complaint with the reason; the complainant is told', s.DeclineBody, (id, b, ctx) => steps.decline(deps, engine, ctx, id, b));
    step<Body<'AssignBody'>>('assign', 'Assign the handler: never someone involved in the matter (回避)', s.AssignBody, (id, b, ctx) => steps.assign(deps, engine, ctx, id, b.handler));
    step<Body<'EventBody'>>('events', 'Record a note, a contact with the complainant, or evidence', s.EventBody, (id, b, ctx) => steps.addEvent(deps, ctx, id, b));
    step<Body<'DecisionBody'>>('proposal', 'Propose the decision (outcome, text, compensation); it goes for approval at the level the compensation calls for', s.DecisionBody, (id, b, ctx) => steps.propose(deps, engine, ctx, id, b));
    step<Body<'ApprovalBody'>>('approval', 'Approve the proposed decision (then it is communicated in writing) or return it to the handler', s.ApprovalBody, (id, b, ctx) => steps.approve(deps, engine, ctx, id, b), 'complaint.approve');
    step<Body<'ResponseBody'>>('response', "Record the complainant's response to the decision: accepted, or disputed (a review by another handler)", s.ResponseBody, (id, b, ctx) => steps.respond(deps, engine, ctx, id, b));
    step<Body<'ReviewBody'>>('review', 'Review a disputed decision: confirm it, or revise it (approved and communicated again)', s.ReviewBody, (id, b, ctx) => steps.review(deps, engine, ctx, id, b));
    step<Body<'RootCauseBody'>>('root-cause', 'Record the root cause: cause category, the process step or staff issue found, the finding', s.RootCauseBody, (id, b, ctx) => putRootCause(deps, ctx, id, b));
    step<Body<'ActionBody'>>('actions', 'Add a corrective action with its owner and due date', s.ActionBody, (id, b, ctx) => addAction(deps, ctx, id, b));
    step<Body<'EmptyBody'>>('close', 'Close the complaint once its root cause and corrective actions are recorded; the complainant is invited to a survey', s.EmptyBody, (id, _b, ctx) => steps.close(deps, engine, ctx, id));
    step<Body<'ExtensionBody'>>('extensions', 'Ask for the next extension of the clock, with the reason; a superior approves it', s.ExtensionBody, (id, b, ctx) => requestExtension(deps, engine, ctx, id, b.reason));

    app.post<{ Params: Id & { actionId: string }; Body: Body<'ActionDoneBody'> }>('/api/v1/complaints/:id/actions/:actionId/done', {
      config: { access: { permission: 'complaint.handle' } },
      schema: { tags, summary: 'Mark a corrective action done, with what was done', params: { type: 'object', properties: { id: { type: 'string', maxLength: 100 }, actionId: { type: 'string', maxLength: 100 } }, required: ['id', 'actionId'] }, body: s.ActionDoneBody },
    }, async (request) => {
      await completeAction(deps, request.ctx, request.params.id, request.params.actionId, request.body.note);
      return getComplaint(deps, engine, request.ctx, request.params.id);
    });

    app.get<{ Querystring: Body<'ExtensionQuery'> }>('/api/v1/complaint-extensions', {
      config: { access: { permission: 'complaint.approve' } },
      schema: { tags, summary: "Extension requests of the caller's units (pending first)", querystring: s.ExtensionQuery },
    }, async (request) => listExtensions(deps, engine, request.ctx, request.query));

    app.post<{ Params: Id & { extensionId: string }; Body: Body<'ExtensionDecisionBody'> }>('/api/v1/complaints/:id/extensions/:extensionId/decision', {
      config: { access: { permission: 'complaint.approve' } },
      schema: { tags, summary: 'Approve or refuse an extension (not the one who asked); an approved one moves the due date and the complainant is told', params: { type: 'object', properties: { id: { type: 'string', maxLength: 100 }, extensionId: { type: 'string', maxLength: 100 } }, required: ['id', 'extensionId'] }, body: s.ExtensionDecisionBody },
    }, async (request) => {
      await decideExtension(deps, engine, request.ctx, request.params.id, request.params.extensionId, request.body);
      return getComplaint(deps, engine, request.ctx, request.params.id);
    });

    // multipart is parsed for this route only: every other route takes JSON
    void app.register(async (scope) => {
      await scope.register(multipart, { limits: { fileSize: ATTACHMENT_HARD_LIMIT, files: 1, fields: 5, parts: 6 } });
      scope.post<{ Params: Id }>('/api/v1/complaints/:id/attachments', {
        config: { access: { permission: 'complaint.intake' } },
        schema: { tags, summary: 'Attach a file (multipart field `file`): PDF, JPEG, PNG or plain text, content checked against its type, size limited', params: IdParam },
      }, async (request, reply) => reply.code(201).send(await addAttachment(deps, request.ctx, request.params.id, request)));
    });

    app.get<{ Params: Id & { attachmentId: string } }>('/api/v1/complaints/:id/attachments/:attachmentId', {
      config: { access: { permission: 'complaint.read' } },
      schema: { tags, summary: 'Download an attachment', params: { type: 'object', properties: { id: { type: 'string', maxLength: 100 }, attachmentId: { type: 'string', maxLength: 100 } }, required: ['id', 'attachmentId'] } },
    }, async (request, reply) => {
      const file = await readAttachment(deps, request.ctx, request.params.id, request.params.attachmentId);
      return reply
        .header('content-type', file.contentType)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
        .header('x-content-type-options', 'nosniff')
        .send(file.content);
    });

    app.get<{ Querystring: Body<'ReportQuery'> }>('/api/v1/complaint-reports/summary', {
      config: { access: { permission: 'complaint.read' } },
      schema: { tags, summary: 'Complaint figures of a period: by category, cause, branch, channel and month; on-time rate, handling time, extension rate, repeat complainants, remediation', querystring: s.ReportQuery },
    }, async (request) => complaintReport(deps, request.ctx, request.query));

    app.get<{ Querystring: Static<typeof s.ExportQuery> }>('/api/v1/complaint-reports/export', {
      config: { access: { permission: 'complaint.read' } },
      schema: { tags, summary: 'The complaints of a period and their figures as CSV or XLSX (personal data masked)', querystring: s.ExportQuery },
    }, async (request, reply) => {
      const file = await exportReport(deps, request.ctx, request.query, request.query.format);
      return reply.header('content-type', file.contentType).header('content-disposition', `attachment; filename="${file.fileName}"`).send(file.content);
    });
  };
}
