import { Button, Col, Empty, Flex, Form, Input, Row, Segmented, Table, Tag, Typography, type TableProps } from 'antd';
import { useState } from 'react';
import type { Customer } from '../../api/customers.api';
import { useT } from '../../i18n/i18n';
import { CustomerExactSearch } from '../../pages/customers/CustomerExactSearch';
import { CustomerSummary } from '../../pages/customers/CustomerSummary';
import { RiskTags, SegmentTag } from '../../pages/customers/segments';

export type ComplainantMode = 'customer' | 'other';
const PHONE = /^\+?[0-9 -]{5,20}$/;

type Props = {
  mode: ComplainantMode;
  onMode: (mode: ComplainantMode) => void;
  customer: Customer | null;
  onCustomer: (customer: Customer | null) => void;
  /** Set after a submit without a customer chosen. */
  missingCustomer: boolean;
};

/** Who complains: a customer found by exact ID number or phone, or someone not on file (name and a contact). */
export function ComplainantSection({ mode, onMode, customer, onCustomer, missingCustomer }: Props) {
  const { t } = useT();
  const [results, setResults] = useState<Customer[] | null>(null);

  const columns: TableProps<Customer>['columns'] = [
    {
      key: 'name',
      title: t('cust.name'),
      render: (_, c) => (
        <Flex gap={6} wrap align="center">
          <Typography.Text strong>{c.name}</Typography.Text>
          <Tag style={{ marginInlineEnd: 0 }}>{t(`cust.kind.${c.kind}`)}</Tag>
          <SegmentTag code={c.segment} />
          <RiskTags blacklisted={c.blacklisted} pep={c.pep} />
        </Flex>
      ),
    },
    { key: 'id', title: t('cust.idNumber'), render: (_, c) => `${t(`cust.idType.${c.idType}`)} ${c.idNumber}` },
    { key: 'phone', title: t('cust.phone'), render: (_, c) => c.phone ?? '—' },
    { key: 'branch', title: t('cust.homeBranch'), dataIndex: 'unitCode' },
    {
      key: 'choose',
      title: t('common.actions'),
      render: (_, c) => (
        <Button type="primary" size="small" onClick={() => onCustomer(c)} data-testid={`complaint-customer-choose-${c.id}`}>{t('newCase.choose')}</Button>
      ),
    },
  ];

  return (
    <Flex vertical gap={12}>
      <Segmented<ComplainantMode>
        value={mode}
        onChange={onMode}
        options={[
          { value: 'customer', label: <span data-testid="complaint-complainant-customer">{t('complaintIntake.knownCustomer')}</span> },
          { value: 'other', label: <span data-testid="complaint-complainant-other">{t('complaintIntake.notOnFile')}</span> },
        ]}
        style={{ width: 'fit-content' }}
      />
      {mode === 'customer' ? (
        customer ? (
          <Flex vertical gap={8}>
            <CustomerSummary customer={customer} />
            <div>
              <Button size="small" onClick={() => onCustomer(null)} data-testid="complaint-customer-change">{t('newCase.changeCustomer')}</Button>
            </div>
          </Flex>
        ) : (
          <Flex vertical gap={8}>
            <Typography.Text type={missingCustomer ? 'danger' : 'secondary'}>{missingCustomer ? t('complaintIntake.chooseCustomer') : t('complaintIntake.findHint')}</Typography.Text>
            <CustomerExactSearch onResults={setResults} testIdPrefix="complaint-customer-search" />
            {results === null ? null : results.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('complaintIntake.noMatch')}>
                <Button onClick={() => onMode('other')}>{t('complaintIntake.recordNotOnFile')}</Button>
              </Empty>
            ) : (
              <Table<Customer> rowKey="id" size="small" pagination={false} columns={columns} dataSource={results} scroll={{ x: 'max-content' }} data-testid="complaint-customer-results" />
            )}
          </Flex>
        )
      ) : (
        <Row gutter={12}>
          <Col xs={24} md={8}>
            <Form.Item name={['complainant', 'name']} label={t('complaintIntake.name')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('complaintIntake.name') }) }, { max: 100 }]}>
              <Input maxLength={100} autoComplete="off" data-testid="complaint-complainant-name" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name={['complainant', 'phone']} label={t('complaintIntake.phone')} rules={[{ pattern: PHONE, message: t('complaintIntake.phoneInvalid') }]}>
              <Input maxLength={20} autoComplete="off" data-testid="complaint-complainant-phone" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name={['complainant', 'email']} label={t('complaintIntake.email')} rules={[{ type: 'email', message: t('common.invalidEmail') }]}>
              <Input maxLength={200} autoComplete="off" data-testid="complaint-complainant-email" />
            </Form.Item>
          </Col>
        </Row>
      )}
    </Flex>
  );
}

export { PHONE };
