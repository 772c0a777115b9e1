import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, DatePicker, Form, Input, Modal, Row, Table, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useMe } from '../../auth/auth';
import { useFormSubmit } from '../../complaints/use-form-submit';
import { useT } from '../../i18n/i18n';
import { formatFeeRate } from '../merchant-display';
import { merchantsApi, type Agreement, type Merchant } from '../merchants.api';

type AgreementValues = { feeRate: string; startsOn: Dayjs; endsOn?: Dayjs | null };
const AGREEMENT_FIELDS = ['feeRate', 'startsOn', 'endsOn'] as const;

/** A new version of the cooperation agreement; the one before it ends the day before this one starts (the server does that). */
function NewVersionModal({ merchant, open, onClose, onAdded }: { merchant: Merchant; open: boolean; onClose: () => void; onAdded: () => void }) {
  const { t } = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<AgreementValues>();
  const { busy, problem, run } = useFormSubmit(form, AGREEMENT_FIELDS);

  const submit = async () => {
    let values: AgreementValues;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    const added = await run(() =>
      merchantsApi.addAgreement(merchant.id, { feeRate: values.feeRate.trim(), startsOn: values.startsOn.format('YYYY-MM-DD'), endsOn: values.endsOn ? values.endsOn.format('YYYY-MM-DD') : null }),
    );
    if (!added) return;
    void message.success(t('mch.agreements.added', { version: added.version }));
    form.resetFields();
    onAdded();
  };

  return (
    <Modal open={open} title={t('mch.agreements.newVersion')} onCancel={onClose} onOk={() => void submit()} okText={t('common.save')} confirmLoading={busy} destroyOnHidden>
      <Form form={form} layout="vertical">
        <Row gutter={12}>
          <Col xs={24} sm={8}>
            <Form.Item name="feeRate" label={t('mch.agreements.feeRate')} rules={[{ required: true, message: t('common.required', { field: t('mch.agreements.feeRate') }) }, { pattern: /^\s*[0-9]{1,2}(\.[0-9]{1,4})?\s*$/, message: t('mch.agreements.feeRatePattern') }]}>
              <Input suffix="%" placeholder="0.38" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item name="startsOn" label={t('mch.agreements.startsOn')} rules={[{ required: true, message: t('common.selectRequired', { field: t('mch.agreements.startsOn') }) }]}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item name="endsOn" label={t('mch.agreements.endsOn')}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        {problem ? <Alert type="error" showIcon title={problem} /> : null}
      </Form>
    </Modal>
  );
}

/** 合作协议: every version with its exact fee rate and term, the current one marked. */
export function AgreementsCard({ merchant, agreements, onChanged }: { merchant: Merchant; agreements: Agreement[]; onChanged: () => void }) {
  const { t } = useT();
  const { can } = useMe();
  const [adding, setAdding] = useState(false);
  const current = agreements.filter((a) => a.endsOn === null).at(-1)?.version;
  const editable = can('merchant.write') && merchant.status !== 'applying' && agreements.length > 0;
  return (
    <Card
      size="small"
      title={t('mch.agreements.title')}
      extra={editable ? <Button size="small" icon={<PlusOutlined />} onClick={() => setAdding(true)}>{t('mch.agreements.newVersion')}</Button> : null}
      data-testid="merchant-agreements"
    >
      <Table<Agreement>
        rowKey="version"
        size="small"
        scroll={{ x: 'max-content' }}
        pagination={false}
        dataSource={[...agreements].reverse()}
        locale={{ emptyText: t('mch.agreements.none') }}
        columns={[
          { key: 'version', title: t('mch.agreements.version'), render: (_, a) => <span>v{a.version}{a.version === current ? <Tag color="green" style={{ marginInlineStart: 6 }}>{t('mch.agreements.current')}</Tag> : null}</span> },
          { key: 'fee', title: t('mch.agreements.feeRate'), align: 'right', render: (_, a) => <span style={{ fontVariantNumeric: 'tabular-nums' }} data-testid={`merchant-agreement-fee-${a.version}`}>{formatFeeRate(a.feeRate)}</span> },
          { key: 'term', title: t('mch.agreements.term'), render: (_, a) => <span style={{ whiteSpace: 'nowrap' }}>{a.startsOn} ~ {a.endsOn ?? t('mch.agreements.open')}</span> },
          { key: 'signed', title: t('mch.agreements.signedBy'), render: (_, a) => a.signedBy },
        ]}
      />
      <NewVersionModal
        merchant={merchant}
        open={adding}
        onClose={() => setAdding(false)}
        onAdded={() => {
          setAdding(false);
          onChanged();
        }}
      />
    </Card>
  );
}
