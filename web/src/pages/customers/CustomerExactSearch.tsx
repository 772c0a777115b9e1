import { SearchOutlined } from '@ant-design/icons';
import { Button, Form, Input, Segmented, Select, Space } from 'antd';
import { useState } from 'react';
import { customersApi, idTypes, type Customer, type CustomerSearch, type IdType } from '../../api/customers.api';
import { useT } from '../../i18n/i18n';
import { useShowError } from '../../shared/api-errors';

type By = 'id' | 'phone';

type Props = {
  onResults: (items: Customer[]) => void;
  /** Prefix of the test ids: `<prefix>-id`, `<prefix>-submit`. */
  testIdPrefix: string;
  autoFocus?: boolean;
};

/**
 * Exact customer search across the bank, by ID number (any document type unless one is chosen)
 * or by phone. The number is sent in the request body, never in the address.
 */
export function CustomerExactSearch({ onResults, testIdPrefix, autoFocus }: Props) {
  const { t } = useT();
  const showError = useShowError();
  const [by, setBy] = useState<By>('id');
  const [idType, setIdType] = useState<IdType | undefined>(undefined);
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);

  const submit = async () => {
    const text = value.trim().replace(/\s+/g, '');
    const min = by === 'id' ? 5 : 6;
    if (text.length < min) {
      setError(t(by === 'id' ? 'cust.searchIdTooShort' : 'cust.searchPhoneTooShort'));
      return;
    }
    setError(null);
    const search: CustomerSearch = by === 'id' ? { idNumber: text.toUpperCase(), ...(idType ? { idType } : {}) } : { phone: text };
    setLoading(true);
    try {
      onResults(await customersApi.search(search));
    } catch (err) {
      showError(err);
    } finally {
      setLoading(false);
    }
  };

  return (
    <Space wrap size={8} align="start">
      <Segmented<By>
        value={by}
        onChange={(next) => {
          setBy(next);
          setError(null);
        }}
        options={[{ value: 'id', label: t('cust.byId') }, { value: 'phone', label: t('cust.byPhone') }]}
      />
      <Form.Item validateStatus={error ? 'error' : undefined} help={error} style={{ marginBottom: 0 }}>
        <Space.Compact>
          {by === 'id' ? (
            <Select<IdType>
              value={idType}
              onChange={setIdType}
              allowClear
              placeholder={t('cust.anyIdType')}
              options={idTypes.map((type) => ({ value: type, label: t(`cust.idType.${type}`) }))}
              style={{ width: 170 }}
            />
          ) : null}
          <Input
            value={value}
            onChange={(e) => setValue(e.target.value)}
            onPressEnter={() => void submit()}
            placeholder={t(by === 'id' ? 'cust.idNumberPlaceholder' : 'cust.phonePlaceholder')}
            autoComplete="off"
            autoFocus={autoFocus}
            allowClear
            style={{ width: 260 }}
            data-testid={`${testIdPrefix}-id`}
          />
          <Button type="primary" icon={<SearchOutlined />} loading={loading} onClick={() => void submit()} data-testid={`${testIdPrefix}-submit`}>
            {t('cust.exactSearch')}
          </Button>
        </Space.Compact>
      </Form.Item>
    </Space>
  );
}
