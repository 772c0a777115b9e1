import { Type } from '@sinclair/typebox';

const Id = Type.String({ minLength: 1, maxLength: 200 });
const Name = Type.String({ minLength: 1, maxLength: 200 });
/** Process variables: any JSON object (names up to 100 characters). */
export const Variables = Type.Record(Type.String({ maxLength: 100 }), Type.Unknown(), { description: 'Variables as a JSON object' });

export const IdParams = Type.Object({ id: Id });
export const KeyParams = Type.Object({ key: Id });

export const DeployBody = Type.Object(
  {
    name: Name,
    duplicateFiltering: Type.Optional(Type.Boolean({ default: true })),
    resources: Type.Array(Type.Object({ name: Type.String({ minLength: 1, maxLength: 200, pattern: '\\.(bpmn|bpmn20\\.xml|dmn|dmn11\\.xml|xml)$' }), content: Type.String({ minLength: 1, maxLength: 5 * 1024 * 1024 }) }, { additionalProperties: false }), { minItems: 1, maxItems: 50 }),
  },
  { additionalProperties: false },
);

export const StartBody = Type.Object(
  {
    processKey: Type.Optional(Id),
    definitionId: Type.Optional(Id),
    businessKey: Type.Optional(Type.Union([Type.String({ maxLength: 200 }), Type.Null()])),
    variables: Type.Optional(Variables),
    unitId: Type.Optional(Id),
  },
  { additionalProperties: false },
);

export const InstanceQuery = Type.Object(
  {
    processKey: Type.Optional(Id),
    definitionId: Type.Optional(Id),
    businessKey: Type.Optional(Type.String({ maxLength: 200 })),
    status: Type.Optional(Type.Union([Type.Literal('active'), Type.Literal('completed'), Type.Literal('terminated'), Type.Literal('cancelled')])),
    limit: Type.Integer({ minimum: 1, maximum: 500, default: 50 }),
    offset: Type.Integer({ minimum: 0, maximum: 10_000_000, default: 0 }),
    lang: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);

export const CancelBody = Type.Object({ reason: Type.String({ minLength: 2, maxLength: 500 }) }, { additionalProperties: false });
export const VariablesBody = Type.Object({ variables: Variables }, { additionalProperties: false });

export const TaskQuery = Type.Object(
  {
    assignee: Type.Optional(Type.String({ maxLength: 100 })),
    candidateGroup: Type.Optional(Type.String({ maxLength: 100 })),
    instanceId: Type.Optional(Id),
    elementId: Type.Optional(Id),
    mine: Type.Optional(Type.Boolean()),
    limit: Type.Integer({ minimum: 1, maximum: 500, default: 50 }),
    offset: Type.Integer({ minimum: 0, maximum: 10_000_000, default: 0 }),
    lang: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);

export const CompleteBody = Type.Object({ variables: Type.Optional(Variables) }, { additionalProperties: false });
export const DelegateBody = Type.Object({ userId: Type.String({ minLength: 1, maxLength: 100 }) }, { additionalProperties: false });

export const MessageBody = Type.Object(
  {
    name: Name,
    businessKey: Type.Optional(Type.String({ maxLength: 200 })),
    correlationKey: Type.Optional(Type.String({ maxLength: 200 })),
    processVariables: Type.Optional(Variables),
    variables: Type.Optional(Variables),
  },
  { additionalProperties: false },
);
export const SignalBody = Type.Object({ name: Name, variables: Type.Optional(Variables) }, { additionalProperties: false });
export const EvaluateBody = Type.Object({ variables: Variables }, { additionalProperties: false });

export const PageQuery = Type.Object(
  { instanceId: Type.Optional(Id), limit: Type.Integer({ minimum: 1, maximum: 500, default: 50 }), offset: Type.Integer({ minimum: 0, maximum: 10_000_000, default: 0 }), lang: Type.Optional(Type.String()) },
  { additionalProperties: false },
);

const Duration = Type.Integer({ minimum: 1, maximum: 7 * 24 * 3600_000 });
export const FetchBody = Type.Object(
  {
    workerId: Type.String({ minLength: 1, maxLength: 200 }),
    maxTasks: Type.Integer({ minimum: 1, maximum: 100 }),
    asyncResponseTimeout: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_800_000 })),
    topics: Type.Array(Type.Object({ topicName: Name, lockDuration: Duration }, { additionalProperties: true }), { minItems: 1, maxItems: 50 }),
  },
  { additionalProperties: false },
);
export const WorkerBody = Type.Object({ workerId: Type.String({ minLength: 1, maxLength: 200 }), variables: Type.Optional(Variables) }, { additionalProperties: false });
export const FailureBody = Type.Object(
  { workerId: Type.String({ minLength: 1, maxLength: 200 }), errorMessage: Type.String({ maxLength: 2000 }), errorDetails: Type.Optional(Type.String({ maxLength: 8000 })), retries: Type.Integer({ minimum: 0, maximum: 100 }), retryTimeout: Type.Integer({ minimum: 0, maximum: 7 * 24 * 3600_000 }) },
  { additionalProperties: false },
);
export const BpmnErrorBody = Type.Object(
  { workerId: Type.String({ minLength: 1, maxLength: 200 }), errorCode: Type.String({ minLength: 1, maxLength: 200 }), errorMessage: Type.Optional(Type.String({ maxLength: 2000 })), variables: Type.Optional(Variables) },
  { additionalProperties: false },
);
export const ExtendBody = Type.Object({ workerId: Type.String({ minLength: 1, maxLength: 200 }), newDuration: Duration }, { additionalProperties: false });
