import { Type } from '@sinclair/typebox';
import { NullableString } from '../http/schemas.ts';

/** An enumeration as one JSON-schema `enum`: one error naming the field, not one per choice. */
const oneOf = <T extends string>(values: readonly T[]) => Type.Unsafe<T>({ type: 'string', enum: [...values] });
const Kind = oneOf(['head_office', 'region', 'branch', 'sub_branch', 'department'] as const);
const Code = Type.String({ minLength: 1, maxLength: 40, pattern: '^[A-Za-z0-9][A-Za-z0-9_-]*$' });
const Name = Type.String({ minLength: 1, maxLength: 100 });
const Region = Type.String({ minLength: 2, maxLength: 20, pattern: '^[A-Za-z0-9_-]+$' });
const Scope = oneOf(['global', 'unit'] as const);
const Username = Type.String({ minLength: 3, maxLength: 40, pattern: '^[A-Za-z0-9._-]+$' });
const Phone = Type.Union([Type.String({ minLength: 5, maxLength: 24, pattern: '^\\+?[0-9][0-9 -]{3,22}$' }), Type.Null()]);
const Email = Type.Union([Type.String({ format: 'email', maxLength: 200 }), Type.Null()]);
const RoleKey = Type.String({ minLength: 2, maxLength: 40, pattern: '^[a-z][a-z0-9_]*$' });
const Status = Type.Union([Type.Literal('active'), Type.Literal('disabled')]);

export const UnitSchema = Type.Object(
  { id: Type.String(), code: Type.String(), nameZh: Type.String(), nameEn: Type.String(), kind: Kind, parentId: NullableString, path: Type.String(), region: Type.String(), active: Type.Boolean() },
  { $id: 'Unit' },
);

export const NewUnitBody = Type.Object(
  { code: Code, nameZh: Name, nameEn: Name, kind: Kind, parentId: Type.Union([Type.String({ maxLength: 100 }), Type.Null()]), region: Type.Optional(Region) },
  { additionalProperties: false },
);

export const UnitPatchBody = Type.Object(
  { nameZh: Type.Optional(Name), nameEn: Type.Optional(Name), active: Type.Optional(Type.Boolean()), region: Type.Optional(Region) },
  { additionalProperties: false, minProperties: 1 },
);

export const RoleSchema = Type.Object(
  { key: Type.String(), nameZh: Type.String(), nameEn: Type.String(), scope: Scope, permissions: Type.Array(Type.String()), builtin: Type.Boolean() },
  { $id: 'Role' },
);

export const NewRoleBody = Type.Object(
  { key: RoleKey, nameZh: Name, nameEn: Name, scope: Scope, permissions: Type.Array(Type.String({ maxLength: 100 }), { maxItems: 200 }) },
  { additionalProperties: false },
);

export const RolePatchBody = Type.Object(
  { nameZh: Type.Optional(Name), nameEn: Type.Optional(Name), scope: Type.Optional(Scope), permissions: Type.Optional(Type.Array(Type.String({ maxLength: 100 }), { maxItems: 200 })) },
  { additionalProperties: false, minProperties: 1 },
);

export const UserSchema = Type.Object(
  {
    id: Type.String(),
    username: Type.String(),
    displayName: Type.String(),
    email: NullableString,
    phone: NullableString,
    unitId: Type.String(),
    unitCode: Type.String(),
    unitNameZh: Type.String(),
    unitNameEn: Type.String(),
    roles: Type.Array(Type.String()),
    status: Status,
    lastLoginAt: NullableString,
    createdAt: Type.String(),
    version: Type.Integer(),
  },
  { $id: 'User', description: 'A staff user; email and phone are masked' },
);

const RoleList = Type.Array(RoleKey, { maxItems: 20, uniqueItems: true });

export const NewUserBody = Type.Object(
  {
    username: Username,
    displayName: Name,
    password: Type.String({ minLength: 1, maxLength: 200 }),
    unitId: Type.String({ minLength: 1, maxLength: 100 }),
    roles: RoleList,
    email: Type.Optional(Email),
    phone: Type.Optional(Phone),
  },
  { additionalProperties: false },
);

export const UserPatchBody = Type.Object(
  {
    version: Type.Integer({ minimum: 1 }),
    displayName: Type.Optional(Name),
    unitId: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    roles: Type.Optional(RoleList),
    status: Type.Optional(Status),
    email: Type.Optional(Email),
    phone: Type.Optional(Phone),
  },
  { additionalProperties: false },
);

export const UserQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 100 })),
    unitId: Type.Optional(Type.String({ maxLength: 100 })),
    role: Type.Optional(Type.String({ maxLength: 40 })),
    status: Type.Optional(Status),
    limit: Type.Integer({ minimum: 1, maximum: 500, default: 50 }),
    offset: Type.Integer({ minimum: 0, maximum: 10_000_000, default: 0 }),
    lang: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);

export const PasswordBody = Type.Object({ password: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false });

export const RevealBody = Type.Object(
  {
    fields: Type.Array(Type.Union([Type.Literal('phone'), Type.Literal('email')]), { minItems: 1, maxItems: 2, uniqueItems: true }),
    reason: Type.String({ minLength: 4, maxLength: 500 }),
  },
  { additionalProperties: false },
);
