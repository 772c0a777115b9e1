import { Type } from '@sinclair/typebox';
import { Paging } from '../../platform/http/schemas.ts';

/* Request bodies and queries of the segments' API. */

const KIND = Type.Unsafe<'tier' | 'group'>({ type: 'string', enum: ['tier', 'group'], description: '`tier`: exclusive, the highest-ranked matching tier becomes the customer’s tier; `group`: any number' });
const EXPRESSION = Type.String({ minLength: 1, maxLength: 2000, description: 'A FEEL condition over the customer facts (GET /api/v1/segment-facts), e.g. `aum >= 50000 and holdings.wealth = 0`' });
const NAME_ZH = Type.String({ minLength: 2, maxLength: 60 });
const NAME_EN = Type.String({ minLength: 2, maxLength: 100 });
const DESCRIPTION = Type.String({ minLength: 2, maxLength: 500 });
const RANK = Type.Integer({ minimum: 0, maximum: 1000, description: 'Tiers: the highest matching rank wins (standard 0, gold 10, platinum 20, private 30); groups: the order they are listed in' });

export const SegmentBody = Type.Object(
  {
    code: Type.String({ pattern: '^[a-z][a-z0-9-]{1,39}$', description: 'Lower-case letters, digits and dashes, e.g. `young-professionals`' }),
    kind: KIND,
    nameZh: NAME_ZH,
    nameEn: NAME_EN,
    descriptionZh: Type.Optional(DESCRIPTION),
    descriptionEn: Type.Optional(DESCRIPTION),
    expression: EXPRESSION,
    rank: Type.Optional(RANK),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export const SegmentChangeBody = Type.Object(
  {
    version: Type.Integer({ minimum: 1 }),
    nameZh: Type.Optional(NAME_ZH),
    nameEn: Type.Optional(NAME_EN),
    descriptionZh: Type.Optional(Type.Union([DESCRIPTION, Type.Null()])),
    descriptionEn: Type.Optional(Type.Union([DESCRIPTION, Type.Null()])),
    expression: Type.Optional(EXPRESSION),
    rank: Type.Optional(RANK),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export const DryRunBody = Type.Object({ expression: EXPRESSION }, { additionalProperties: false });

export const CodeParam = Type.Object({ code: Type.String({ minLength: 1, maxLength: 60 }) });

export const MembersQuery = Type.Object({ ...Paging }, { additionalProperties: false });

export const RunsQuery = Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })) }, { additionalProperties: false });
