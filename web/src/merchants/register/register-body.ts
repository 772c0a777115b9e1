import type { NewMerchant, PersonIdType } from '../merchants.api';

type PersonValues = { name?: string; idType?: PersonIdType; idNumber?: string };

/** The register form's values: the request body's fields (so that server field errors land on them), people as the form holds them. */
export type RegisterValues = Omit<NewMerchant, 'contactPhone' | 'legalRepresentative' | 'beneficialOwners'> & {
  contactPhone?: string;
  legalRepresentative: PersonValues;
  beneficialOwners?: (PersonValues & { share?: number | null })[];
};

/** Every form field a server problem may point at (`*`: a row of the owners; `beneficialOwners` itself for their total share). */
export const REGISTER_FIELDS = [
  'name', 'uscc', 'kind', 'mcc', 'region', 'scale', 'address', 'unitCode', 'settlementAccount', 'contactName', 'contactPhone', 'tier',
  'legalRepresentative.name', 'legalRepresentative.idType', 'legalRepresentative.idNumber',
  'beneficialOwners.*.name', 'beneficialOwners.*.idType', 'beneficialOwners.*.idNumber', 'beneficialOwners.*.share', 'beneficialOwners',
] as const;

/** At most this many beneficial owners (the server's limit). */
export const MAX_OWNERS = 10;

const text = (value: string | undefined) => value?.trim() ?? '';
/** Codes and numbers are typed with spaces and in lower case at times; the server wants them plain. */
const code = (value: string | undefined) => text(value).replace(/\s+/g, '').toUpperCase();

const person = (p: PersonValues) => ({ name: text(p.name), idType: p.idType ?? 'resident_id', idNumber: code(p.idNumber) });

/** The request body; empty optional fields left out. */
export function registerBody(values: RegisterValues): NewMerchant {
  const owners = (values.beneficialOwners ?? []).filter((o) => text(o.name) || text(o.idNumber));
  const body: NewMerchant = {
    name: text(values.name),
    uscc: code(values.uscc),
    kind: values.kind,
    mcc: text(values.mcc),
    region: text(values.region),
    scale: values.scale,
    address: text(values.address),
    settlementAccount: text(values.settlementAccount).replace(/\s+/g, ''),
    contactName: text(values.contactName),
    legalRepresentative: person(values.legalRepresentative),
  };
  if (values.unitCode) body.unitCode = values.unitCode;
  if (text(values.contactPhone)) body.contactPhone = text(values.contactPhone);
  if (values.tier) body.tier = values.tier;
  if (owners.length) body.beneficialOwners = owners.map((o) => ({ ...person(o), share: Number(o.share ?? 0) }));
  return body;
}

/** The owners' shares added up, to two decimals (the form shows it against 100%). */
export function totalShare(owners: RegisterValues['beneficialOwners']): number {
  return Math.round((owners ?? []).reduce((sum, o) => sum + (Number(o?.share) || 0), 0) * 100) / 100;
}
