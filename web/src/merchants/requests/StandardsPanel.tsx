import { EditOutlined, SaveOutlined } from '@ant-design/icons';
import { Alert, App, Button, Flex, Form, InputNumber, Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useMe } from '../../auth/auth';
import { useFormSubmit } from '../../complaints/use-form-submit';
import { useT } from '../../i18n/i18n';
import { timeLimitText } from '../../pages/catalog/service-display';
import { useRequest } from '../../shared/use-request';
import { TIERS, type MerchantTier } from '../merchants.api';
import { LIMIT_UNITS, REQUEST_KINDS, serviceApi, type LimitUnit, type RequestKind, type TimeLimit } from '../service.api';

type Entry = { tier: MerchantTier; kind: RequestKind; response: TimeLimit; resolution: TimeLimit };
/** A problem's pointer `/standards/4/resolution` lands on that cell: the form holds the fifteen in the order sent. */
const FIELDS = ['standards.*.response', 'standards.*.resolution'] as const;
const PAIRS = REQUEST_KINDS.flatMap((kind) => TIERS.map((tier) => ({ kind, tier })));
const indexOf = (kind: RequestKind, tier: MerchantTier) => PAIRS.findIndex((p) => p.kind === kind && p.tier === tier);

/**
 * 服务标准: how soon each kind of request is answered and resolved, per merchant tier — five
 * kinds down, three tiers across. Holders of `merchant.configure` edit all fifteen at once; a
 * resolution sooner than the response is refused on its cell.
 */
export function StandardsPanel() {
  const { t, lang } = useT();
  const { can } = useMe();
  const { message } = App.useApp();
  const editable = can('merchant.configure');
  const [editing, setEditing] = useState(false);
  const [form] = Form.useForm<{ standards: Entry[] }>();
  const { busy, problem, clearProblem, run } = useFormSubmit(form, FIELDS);
  const list = useRequest((signal) => serviceApi.standards(signal), [lang]);
  const byPair = new Map((list.data ?? []).map((s) => [`${s.kind}/${s.tier}`, s]));

  const startEditing = () => {
    const standards = PAIRS.map(({ kind, tier }) => {
      const s = byPair.get(`${kind}/${tier}`);
      return { kind, tier, response: s?.response ?? { amount: 1, unit: 'workingDays' as const }, resolution: s?.resolution ?? { amount: 1, unit: 'workingDays' as const } };
    });
    form.setFieldsValue({ standards });
    setEditing(true);
  };

  const save = async () => {
    let values: { standards: Entry[] };
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    const standards = PAIRS.map(({ kind, tier }, i) => ({ kind, tier, response: values.standards[i]!.response, resolution: values.standards[i]!.resolution }));
    const saved = await run(() => serviceApi.setStandards(standards));
    if (!saved) return;
    void message.success(t('mch.std.saved'));
    setEditing(false);
    list.reload();
  };

  const cell = (kind: RequestKind, tier: MerchantTier) => {
    const i = indexOf(kind, tier);
    if (editing) {
      return (
        <Flex vertical gap={8}>
          <Form.Item name={['standards', i, 'response']} rules={[{ validator: limitRule(t('mch.std.amountRequired')) }]} style={{ marginBottom: 0 }}>
            <LimitInput label={t('mch.std.response')} testId={`std-${kind}-${tier}-response`} />
          </Form.Item>
          <Form.Item name={['standards', i, 'resolution']} rules={[{ validator: limitRule(t('mch.std.amountRequired')) }]} style={{ marginBottom: 0 }}>
            <LimitInput label={t('mch.std.resolution')} testId={`std-${kind}-${tier}-resolution`} />
          </Form.Item>
        </Flex>
      );
    }
    const s = byPair.get(`${kind}/${tier}`);
    if (!s) return <Typography.Text type="secondary">—</Typography.Text>;
    return (
      <Flex vertical style={{ whiteSpace: 'nowrap' }} data-testid={`std-${kind}-${tier}`}>
        <span>{t('mch.std.responseIn', { limit: timeLimitText(t, s.response) })}</span>
        <span>{t('mch.std.resolutionIn', { limit: timeLimitText(t, s.resolution) })}</span>
      </Flex>
    );
  };

  const updatedBy = [...new Set((list.data ?? []).map((s) => s.updatedBy).filter(Boolean))];
  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" align="center" gap={12} wrap>
        <Typography.Text type="secondary">{t('mch.std.intro')}</Typography.Text>
        {editable ? (
          editing ? (
            <Space>
              <Button onClick={() => { setEditing(false); clearProblem(); }}>{t('common.cancel')}</Button>
              <Button type="primary" icon={<SaveOutlined />} loading={busy} onClick={() => void save()} data-testid="std-save">{t('common.save')}</Button>
            </Space>
          ) : (
            <Button icon={<EditOutlined />} onClick={startEditing} disabled={!list.data} data-testid="std-edit">{t('common.edit')}</Button>
          )
        ) : null}
      </Flex>
      <Form form={form} onValuesChange={clearProblem} component={false}>
        <Table<RequestKind>
          rowKey={(k) => k}
          size="small"
          bordered
          pagination={false}
          loading={list.loading}
          scroll={{ x: 'max-content' }}
          dataSource={[...REQUEST_KINDS]}
          data-testid="std-table"
          columns={[
            { key: 'kind', title: t('mch.req.kind'), fixed: 'left', render: (_, kind) => <Typography.Text strong style={{ whiteSpace: 'nowrap' }}>{t(`mch.req.kind.${kind}`)}</Typography.Text> },
            ...TIERS.map((tier) => ({ key: tier, title: t(`mch.tier.${tier}`), render: (_: unknown, kind: RequestKind) => cell(kind, tier) })),
          ]}
        />
      </Form>
      {problem ? <Alert type="error" showIcon title={problem} data-testid="std-error" /> : null}
      {updatedBy.length ? <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('mch.std.updatedBy', { who: updatedBy.join('、') })}</Typography.Text> : null}
    </Flex>
  );
}

const limitRule = (message: string) => async (_: unknown, value: TimeLimit | undefined) => {
  if (!value || !Number.isInteger(value.amount) || value.amount < 1) throw new Error(message);
};

/** An amount and its unit (minutes, working hours, working days, calendar days), as one form value. */
function LimitInput({ value, onChange, label, testId }: { value?: TimeLimit; onChange?: (next: TimeLimit) => void; label: string; testId: string }) {
  const { t } = useT();
  const unit: LimitUnit = value?.unit ?? 'workingDays';
  return (
    <Space.Compact>
      <InputNumber<number> prefix={<Typography.Text type="secondary" style={{ fontSize: 12 }}>{label}</Typography.Text>} min={1} max={10_000} precision={0} value={value?.amount} onChange={(amount) => onChange?.({ amount: amount ?? 0, unit })} style={{ width: 124 }} data-testid={`${testId}-amount`} />
      <Select<LimitUnit> value={unit} onChange={(next) => onChange?.({ amount: value?.amount ?? 0, unit: next })} options={LIMIT_UNITS.map((u) => ({ value: u, label: t(`mch.std.unit.${u}`) }))} style={{ width: 136 }} data-testid={`${testId}-unit`} />
    </Space.Compact>
  );
}
