import { UserAddOutlined } from '@ant-design/icons';
import { Alert, Button, Empty, Flex, Space, Table, Tag, Typography, type TableProps } from 'antd';
import { useState } from 'react';
import type { Customer } from '../../api/customers.api';
import { useMe } from '../../auth/auth';
import { useT } from '../../i18n/i18n';
import { CustomerExactSearch } from '../customers/CustomerExactSearch';
import { CustomerSummary } from '../customers/CustomerSummary';
import { RegisterCustomerModal } from '../customers/RegisterCustomerModal';
import { RiskTags, SegmentTag } from '../customers/segments';

type Props = { customer: Customer | null; onChoose: (customer: Customer | null) => void };

/** Step 1: find the customer by exact ID number or phone, or register a walk-in customer. */
export function NewCaseCustomerStep({ customer, onChoose }: Props) {
  const { t } = useT();
  const { can } = useMe();
  const [results, setResults] = useState<Customer[] | null>(null);
  const [registering, setRegistering] = useState(false);

  if (customer) {
    return (
      <Flex vertical gap={12}>
        {customer.blacklisted ? <Alert type="error" showIcon title={t('newCase.blacklisted')} /> : null}
        {customer.pep ? <Alert type="warning" showIcon title={t('newCase.pep')} /> : null}
        <CustomerSummary customer={customer} />
        <div>
          <Button onClick={() => onChoose(null)} data-testid="newcase-change-customer">{t('newCase.changeCustomer')}</Button>
        </div>
      </Flex>
    );
  }

  const columns: TableProps<Customer>['columns'] = [
    {
      key: 'name',
      title: t('cust.name'),
      render: (_, c) => (
        <Space size={6} wrap>
          <Typography.Text strong>{c.name}</Typography.Text>
          <Tag>{t(`cust.kind.${c.kind}`)}</Tag>
        </Space>
      ),
    },
    { key: 'id', title: t('cust.idNumber'), render: (_, c) => `${t(`cust.idType.${c.idType}`)} ${c.idNumber}` },
    { key: 'phone', title: t('cust.phone'), render: (_, c) => c.phone ?? '—' },
    { key: 'segment', title: t('cust.segment'), render: (_, c) => <SegmentTag code={c.segment} /> },
    { key: 'risk', title: t('cust.risk'), render: (_, c) => <RiskTags blacklisted={c.blacklisted} pep={c.pep} /> },
    { key: 'branch', title: t('cust.homeBranch'), dataIndex: 'unitCode' },
    {
      key: 'choose',
      title: t('common.actions'),
      render: (_, c) => (
        <Button type="primary" size="small" onClick={() => onChoose(c)} data-testid={`newcase-choose-${c.id}`}>
          {t('newCase.choose')}
        </Button>
      ),
    },
  ];

  return (
    <Flex vertical gap={16}>
      <Typography.Text type="secondary">{t('newCase.findHint')}</Typography.Text>
      <Flex justify="space-between" align="start" wrap gap={12}>
        <CustomerExactSearch onResults={setResults} testIdPrefix="newcase-search" autoFocus />
        {can('customer.write') ? (
          <Button icon={<UserAddOutlined />} onClick={() => setRegistering(true)} data-testid="newcase-register">
            {t('newCase.registerWalkIn')}
          </Button>
        ) : null}
      </Flex>
      {results === null ? null : results.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('newCase.noMatch')}>
          {can('customer.write') ? (
            <Button type="primary" icon={<UserAddOutlined />} onClick={() => setRegistering(true)}>{t('newCase.registerWalkIn')}</Button>
          ) : null}
        </Empty>
      ) : (
        <Table<Customer> rowKey="id" size="small" pagination={false} columns={columns} dataSource={results} scroll={{ x: 'max-content' }} data-testid="newcase-results" />
      )}
      <RegisterCustomerModal
        open={registering}
        onClose={() => setRegistering(false)}
        onRegistered={(created) => {
          setRegistering(false);
          onChoose(created);
        }}
      />
    </Flex>
  );
}
