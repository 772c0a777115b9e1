import type { FormRule } from 'antd';
import type { Translate } from '../i18n/i18n';
import { MOBILE, normalisePhone } from './portal-format';

/** Form rules for a mainland mobile number: required, 11 digits starting with 1. */
export function mobileRules(t: Translate): FormRule[] {
  return [
    { required: true, message: t('portal.book.phoneRequired') },
    {
      validator: async (_, value?: string) => {
        if (value && !MOBILE.test(normalisePhone(value))) throw new Error(t('portal.book.phoneInvalid'));
      },
    },
  ];
}
