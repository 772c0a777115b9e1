import { Type, type Static } from '@sinclair/typebox';

const Text = (max: number) => Type.String({ minLength: 1, maxLength: max });

/** Money as exact decimal text in yuan (two decimals at most): never a binary float. */
export const Money = Type.String({ pattern: '^(0|[1-9]\\d{0,11})(\\.\\d{1,2})?$', description: 'CNY, exact decimal text, e.g. "15.00"' });

export const ServiceDefinition = Type.Object(
  {
    nameZh: Text(100),
    nameEn: Text(100),
    category: Type.Union([Type.Literal('account'), Type.Literal('card'), Type.Literal('loan'), Type.Literal('payment'), Type.Literal('wealth'), Type.Literal('corporate'), Type.Literal('merchant'), Type.Literal('other')]),
    customerType: Type.Union([Type.Literal('individual'), Type.Literal('corporate'), Type.Literal('both')]),
    materials: Type.Array(
      Type.Object({ nameZh: Text(100), nameEn: Text(100), required: Type.Boolean(), validityZh: Type.Optional(Type.String({ maxLength: 300 })), validityEn: Type.Optional(Type.String({ maxLength: 300 })) }, { additionalProperties: false }),
      { maxItems: 50 },
    ),
    fees: Type.Array(
      Type.Object({ nameZh: Text(100), nameEn: Text(100), amount: Money, conditionZh: Type.Optional(Type.String({ maxLength: 300 })), conditionEn: Type.Optional(Type.String({ maxLength: 300 })) }, { additionalProperties: false }),
      { maxItems: 20 },
    ),
    timeLimit: Type.Object({ amount: Type.Integer({ minimum: 0, maximum: 3650 }), unit: Type.Union([Type.Literal('workingDays'), Type.Literal('workingHours'), Type.Literal('calendarDays'), Type.Literal('minutes')]) }, { additionalProperties: false }),
    channels: Type.Array(Type.Union([Type.Literal('counter'), Type.Literal('phone'), Type.Literal('online'), Type.Literal('mobile')]), { minItems: 1, maxItems: 4, uniqueItems: true }),
    /** Unit codes where the service is offered; empty: everywhere. */
    branches: Type.Array(Type.String({ maxLength: 40 }), { maxItems: 500, uniqueItems: true }),
    /** The BPMN process that runs the service. */
    processKey: Type.Union([Type.String({ maxLength: 200 }), Type.Null()]),
  },
  { additionalProperties: false, $id: 'ServiceDefinition' },
);
export type ServiceDefinition = Static<typeof ServiceDefinition>;

export const NewServiceBody = Type.Object({ code: Type.String({ minLength: 2, maxLength: 60, pattern: '^[a-z][a-z0-9-]*$' }), definition: Type.Ref('ServiceDefinition') }, { additionalProperties: false });
export const ServiceChangeBody = Type.Object({ version: Type.Integer({ minimum: 1 }), active: Type.Optional(Type.Boolean()), definition: Type.Ref('ServiceDefinition') }, { additionalProperties: false });
