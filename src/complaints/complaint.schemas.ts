import { Type, type Static } from '@sinclair/typebox';
import { Paging } from '../platform/http/schemas.ts';
import { Money } from '../services/catalog/catalog.schemas.ts';

const Text = (max: number, min = 1) => Type.String({ minLength: min, maxLength: max });
const Username = Type.String({ minLength: 1, maxLength: 60, pattern: '^[A-Za-z0-9_.-]+$' });
const Code = Type.String({ minLength: 1, maxLength: 40, pattern: '^[a-z][a-z0-9_]*$' });

export const Channel = Type.Union([Type.Literal('counter'), Type.Literal('phone'), Type.Literal('online'), Type.Literal('mobile'), Type.Literal('letter'), Type.Literal('regulator')]);
export const SubjectType = Type.Union([Type.Literal('case'), Type.Literal('ticket'), Type.Literal('product'), Type.Literal('staff'), Type.Literal('branch'), Type.Literal('none')]);
export const Priority = Type.Union([Type.Literal('normal'), Type.Literal('high'), Type.Literal('urgent')]);
const Phone = Type.String({ minLength: 5, maxLength: 20, pattern: '^\\+?[0-9 -]{5,20}$' });

export const IntakeBody = Type.Object(
  {
    channel: Channel,
    /** The regulator's referral number (监管转办), required for a referral. */
    regulatorRef: Type.Optional(Text(60)),
    /** When the bank received it, if earlier than now (a letter, a referral): the clock starts there. */
    receivedAt: Type.Optional(Type.String({ format: 'date-time' })),
    customerId: Type.Optional(Text(100)),
    /** Who complains, when they are not a customer on file (a customer's own details are used otherwise). */
    complainant: Type.Optional(Type.Object({ name: Text(100), phone: Type.Optional(Phone), email: Type.Optional(Type.String({ format: 'email', maxLength: 200 })) }, { additionalProperties: false })),
    /** A joint complaint's representatives (at most 5). */
    representatives: Type.Optional(Type.Array(Type.Object({ name: Text(100), phone: Type.Optional(Phone) }, { additionalProperties: false }), { maxItems: 5 })),
    subject: Type.Object({ type: SubjectType, ref: Type.Optional(Text(100)) }, { additionalProperties: false }),
    description: Text(4000, 5),
    request: Text(2000, 2),
    /** A dissatisfied survey this complaint follows up. */
    originSurveyId: Type.Optional(Text(100)),
  },
  { additionalProperties: false },
);
export type IntakeInput = Static<typeof IntakeBody>;

export const SuggestBody = Type.Object({ channel: Channel, subjectType: SubjectType, description: Text(4000, 0), request: Text(2000, 0) }, { additionalProperties: false });

export const OnFileQuery = Type.Object({ customerId: Type.Optional(Text(100)), caseRef: Type.Optional(Text(40)) }, { additionalProperties: false });

export const ComplaintQuery = Type.Object(
  {
    status: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('closed'), Type.Literal('declined'), Type.Literal('all')])),
    clock: Type.Optional(Type.Union([Type.Literal('on_track'), Type.Literal('at_risk'), Type.Literal('breached')])),
    channel: Type.Optional(Channel),
    category: Type.Optional(Code),
    handler: Type.Optional(Username),
    staff: Type.Optional(Username),
    customerId: Type.Optional(Text(100)),
    caseRef: Type.Optional(Text(40)),
    ref: Type.Optional(Text(40)),
    sort: Type.Optional(Type.Union([Type.Literal('daysLeft'), Type.Literal('received'), Type.Literal('-received')])),
    ...Paging,
  },
  { additionalProperties: false },
);
export type ComplaintFilter = Static<typeof ComplaintQuery>;

export const AcceptBody = Type.Object({ categoryCode: Code, causeCode: Code, priority: Priority, unitId: Type.Optional(Text(100)) }, { additionalProperties: false });
export const DeclineReason = Type.Union([Type.Literal('not_a_complaint'), Type.Literal('duplicate'), Type.Literal('outside_remit'), Type.Literal('withdrawn')]);
export const DeclineBody = Type.Object({ reason: DeclineReason, note: Text(1000, 2) }, { additionalProperties: false });
export const AssignBody = Type.Object({ handler: Username }, { additionalProperties: false });
export const EventBody = Type.Object(
  {
    kind: Type.Union([Type.Literal('note'), Type.Literal('contact'), Type.Literal('evidence')]),
    text: Text(4000, 2),
    /** For a contact: how the complainant was reached. */
    method: Type.Optional(Type.Union([Type.Literal('phone'), Type.Literal('visit'), Type.Literal('letter'), Type.Literal('email'), Type.Literal('sms')])),
  },
  { additionalProperties: false },
);
export const DecisionBody = Type.Object({ outcome: Type.Union([Type.Literal('upheld'), Type.Literal('partly_upheld'), Type.Literal('not_upheld')]), text: Text(4000, 5), compensation: Money }, { additionalProperties: false });
export const ApprovalBody = Type.Object({ decision: Type.Union([Type.Literal('approve'), Type.Literal('return')]), comment: Type.Optional(Text(1000)) }, { additionalProperties: false });
export const ResponseBody = Type.Object({ response: Type.Union([Type.Literal('accepted'), Type.Literal('disputed')]), note: Type.Optional(Text(2000)) }, { additionalProperties: false });
export const ReviewBody = Type.Object({ outcome: Type.Union([Type.Literal('confirm'), Type.Literal('revise')]), note: Text(2000, 2), decision: Type.Optional(DecisionBody) }, { additionalProperties: false });
export const RootCauseBody = Type.Object(
  { causeCode: Code, processKey: Type.Optional(Text(100)), stepId: Type.Optional(Text(100)), staffIssue: Type.Optional(Text(1000)), finding: Text(4000, 5) },
  { additionalProperties: false },
);
export const ActionBody = Type.Object({ action: Text(1000, 2), owner: Username, dueDate: Type.String({ format: 'date' }) }, { additionalProperties: false });
export const ActionDoneBody = Type.Object({ note: Text(1000, 2) }, { additionalProperties: false });
export const ExtensionBody = Type.Object({ reason: Text(1000, 5) }, { additionalProperties: false });
export const ExtensionDecisionBody = Type.Object({ approve: Type.Boolean(), note: Text(1000, 2) }, { additionalProperties: false });
export const ExtensionQuery = Type.Object({ status: Type.Optional(Type.Union([Type.Literal('pending'), Type.Literal('approved'), Type.Literal('refused')])), ...Paging }, { additionalProperties: false });

export const RulesBody = Type.Object(
  {
    baseDays: Type.Integer({ minimum: 1, maximum: 365 }),
    firstExtensionToDays: Type.Integer({ minimum: 1, maximum: 365 }),
    secondExtensionByDays: Type.Integer({ minimum: 0, maximum: 365 }),
    maxDays: Type.Integer({ minimum: 1, maximum: 365 }),
    dayCount: Type.Union([Type.Literal('calendar'), Type.Literal('working')]),
    atRiskShare: Type.Number({ minimum: 0.5, maximum: 0.99 }),
    repeatStepThreshold: Type.Integer({ minimum: 2, maximum: 100 }),
    repeatWindowDays: Type.Integer({ minimum: 7, maximum: 730 }),
    attachmentMaxBytes: Type.Integer({ minimum: 10_240, maximum: 52_428_800 }),
  },
  { additionalProperties: false },
);
export type RulesInput = Static<typeof RulesBody>;

export const CategoryBody = Type.Object(
  { kind: Type.Union([Type.Literal('business'), Type.Literal('cause')]), parentCode: Type.Optional(Type.Union([Code, Type.Null()])), nameZh: Text(100), nameEn: Text(100), position: Type.Optional(Type.Integer({ minimum: 0, maximum: 999 })), active: Type.Optional(Type.Boolean()) },
  { additionalProperties: false },
);
export type CategoryInput = Static<typeof CategoryBody>;

export const ReportQuery = Type.Object(
  { from: Type.Optional(Type.String({ format: 'date' })), to: Type.Optional(Type.String({ format: 'date' })), unitId: Type.Optional(Text(100)) },
  { additionalProperties: false },
);
export type ReportFilter = Static<typeof ReportQuery>;
export const EmptyBody = Type.Object({}, { additionalProperties: false });
export const ExportQuery = Type.Object({ ...ReportQuery.properties, format: Type.Union([Type.Literal('csv'), Type.Literal('xlsx')]) }, { additionalProperties: false });
