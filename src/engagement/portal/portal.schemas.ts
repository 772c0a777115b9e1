import { Type } from '@sinclair/typebox';
import { AMOUNT_PATTERN } from '../products/product.ts';

const Phone = Type.String({ minLength: 6, maxLength: 20, pattern: '^\\+?[0-9][0-9 \\-]{5,19}$', description: 'The mobile number the bank holds, e.g. 13800138000' });

export const SignInCodeBody = Type.Object({ phone: Phone }, { additionalProperties: false });

export const SignInBody = Type.Object({ phone: Phone, code: Type.String({ pattern: '^\\d{6}$', description: 'The six digits sent by SMS' }) }, { additionalProperties: false });

/** The customer answers for themselves: no customer id, no channel (the portal is the channel). */
export const MyAssessmentBody = Type.Object(
  {
    questionnaireVersion: Type.Integer({ minimum: 1, description: 'The version answered: it must be the current one' }),
    answers: Type.Record(Type.String({ maxLength: 30 }), Type.String({ maxLength: 30 }), { maxProperties: 40, description: 'Question id → answer id' }),
  },
  { additionalProperties: false },
);

/** A purchase by the signed-in customer, for themselves only: there is no customer field to name another. */
export const PurchaseBody = Type.Object(
  {
    productCode: Type.String({ minLength: 1, maxLength: 30 }),
    amount: Type.String({ pattern: AMOUNT_PATTERN, description: 'Yuan as exact decimal text, e.g. "10000.00"' }),
    offerId: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'The suggested offer the purchase answers, when it came from one' })),
  },
  { additionalProperties: false },
);
