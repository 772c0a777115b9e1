/** Personal data: display masking and identity-number checks. */
export { maskCardNumber, maskEmail, maskIdNumber, maskName, maskPhone } from './mask.ts';
export type { Masked, MaskInput } from './mask.ts';
export { cnResidentIdCheckChar, validateCnResidentId } from './cn-resident-id.ts';
export type {
  CnResidentIdFailure,
  CnResidentIdOptions,
  CnResidentIdResult,
} from './cn-resident-id.ts';
export { usccCheckChar, validateUscc } from './uscc.ts';
export type { UsccFailure, UsccResult } from './uscc.ts';
