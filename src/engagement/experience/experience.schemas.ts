import { Type, type Static } from '@sinclair/typebox';
import { Paging } from '../../platform/http/schemas.ts';

/* Queries of the experience API. */

const Window = {
  from: Type.Optional(Type.String({ format: 'date', description: 'First day (China), inclusive; default: 12 buckets back' })),
  to: Type.Optional(Type.String({ format: 'date', description: 'Last day (China), inclusive; default: today' })),
  branch: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'A branch (org unit id) and the units below it, within your own' })),
  channel: Type.Optional(Type.String({ minLength: 1, maxLength: 40, description: 'One channel: counter, phone, online, mobile, …' })),
  journey: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'One journey: a service code, `complaint` or `counter`' })),
};

export const ScoresQuery = Type.Object(
  {
    ...Window,
    by: Type.Optional(Type.Unsafe<'segment' | 'channel' | 'branch' | 'journey'>({ type: 'string', enum: ['segment', 'channel', 'branch', 'journey'], description: 'Break down by: the customer’s tier and groups (now), channel, branch or journey' })),
    bucket: Type.Optional(Type.Unsafe<'week' | 'month'>({ type: 'string', enum: ['week', 'month'], description: 'Periods of a week (from Monday) or a month; default month' })),
    segment: Type.Optional(Type.String({ minLength: 1, maxLength: 60, description: 'Only customers in this tier or group (now)' })),
  },
  { additionalProperties: false },
);
export type ScoresParams = Static<typeof ScoresQuery>;

export const EffortQuery = Type.Object({ ...Window }, { additionalProperties: false });
export type EffortParams = Static<typeof EffortQuery>;

export const ChurnQuery = Type.Object(
  { ...Paging, minScore: Type.Optional(Type.Integer({ minimum: 0, maximum: 100, description: 'Only customers scoring at least this' })) },
  { additionalProperties: false },
);
export type ChurnParams = Static<typeof ChurnQuery>;
