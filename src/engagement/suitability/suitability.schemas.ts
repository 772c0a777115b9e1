import { Type } from '@sinclair/typebox';
import { ChannelSchema } from '../products/product.schemas.ts';
import { RISK_LEVELS, type RiskLevel } from './questionnaire.ts';

const Level = Type.Unsafe<RiskLevel>({ type: 'string', enum: [...RISK_LEVELS], description: 'C1 (conservative) to C5 (aggressive)' });
const Id = Type.String({ pattern: '^[a-z][a-z0-9_]{0,29}$' });
const Text = (max: number) => Type.String({ minLength: 1, maxLength: max });

export const QuestionnaireBody = Type.Object(
  {
    questions: Type.Array(
      Type.Object(
        {
          id: Id,
          en: Text(300),
          zh: Text(200),
          options: Type.Array(Type.Object({ id: Id, en: Text(200), zh: Text(150), score: Type.Integer({ minimum: 0, maximum: 100 }), capLevel: Type.Optional(Level) }, { additionalProperties: false }), { minItems: 2, maxItems: 10 }),
        },
        { additionalProperties: false },
      ),
      { minItems: 3, maxItems: 40 },
    ),
    thresholds: Type.Object({ C2: Type.Integer({ minimum: 0 }), C3: Type.Integer({ minimum: 0 }), C4: Type.Integer({ minimum: 0 }), C5: Type.Integer({ minimum: 0 }) }, { additionalProperties: false, description: 'The lowest total that reaches each level; below C2 is C1' }),
    validMonths: Type.Integer({ minimum: 1, maximum: 36, description: 'Months an assessment holds (12 by default)' }),
  },
  { additionalProperties: false },
);

export const AssessmentBody = Type.Object(
  {
    questionnaireVersion: Type.Integer({ minimum: 1, description: 'The version answered: it must be the current one' }),
    answers: Type.Record(Type.String({ maxLength: 30 }), Type.String({ maxLength: 30 }), { maxProperties: 40, description: 'Question id → answer id, e.g. {"age": "c", "loss": "b"}' }),
    channel: ChannelSchema,
  },
  { additionalProperties: false },
);

export const SuitabilityQuery = Type.Object({ product: Type.String({ minLength: 1, maxLength: 30, description: 'A product code' }) }, { additionalProperties: false });
