import { PlusOutlined, SaveOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Form, InputNumber, Row, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { customersApi } from '../../api/customers.api';
import { useMe } from '../../auth/auth';
import { useT } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/zh-CN';
import { useShowError } from '../../shared/api-errors';
import { useRequest } from '../../shared/use-request';
import { queueStaffApi, type QueueSetting } from '../queue.api';

/** The ticket classes every branch weighs; segment codes (VIP tiers) come on top. */
const CLASS_WEIGHTS: Record<string, MessageKey> = { normal: 'queue.class.normal', appointment: 'queue.class.appointment', priority: 'queue.class.priority' };

type Values = Omit<QueueSetting, 'targetShare'> & { targetPercent: number };
const FIELDS = ['weights', 'maxOvertakeMinutes', 'maxWaitMinutes', 'noShowAfterCalls', 'targetWaitMinutes', 'targetPercent', 'remoteHoldMinutes'] as const;

/** 叫号规则: head starts by class and segment, the bounds, no-shows, the service target, the phone hold. */
export function RulesForm({ branch, setting, editable, onSaved }: { branch: string; setting: QueueSetting; editable: boolean; onSaved: () => void }) {
  const { t, pick } = useT();
  const { can } = useMe();
  const { message } = App.useApp();
  const showError = useShowError();
  const [form] = Form.useForm<Values>();
  const [keys, setKeys] = useState(() => Object.keys(setting.weights));
  const [saving, setSaving] = useState(false);
  const segments = useRequest((signal) => customersApi.segments(signal), [], { silent: true, enabled: can('customer.read') });
  const segmentName = (code: string) => {
    const found = segments.data?.find((s) => s.code === code);
    return found ? pick(found) : code;
  };
  const weightLabel = (key: string) => (CLASS_WEIGHTS[key] ? t(CLASS_WEIGHTS[key]) : t('queue.setup.segmentWeight', { name: segmentName(key) }));
  const addable = (segments.data ?? []).filter((s) => !keys.includes(s.code));
  // the classes first, in their order, then the segments by rank (the server keeps no order)
  const rank = (key: string) => {
    const cls = Object.keys(CLASS_WEIGHTS).indexOf(key);
    return cls >= 0 ? cls : 10 + (segments.data?.find((s) => s.code === key)?.rank ?? 99);
  };
  const ordered = [...keys].sort((a, b) => rank(a) - rank(b));

  const save = async (values: Values) => {
    setSaving(true);
    try {
      const { targetPercent, ...rest } = values;
      await queueStaffApi.putSetting(branch, { ...rest, weights: Object.fromEntries(keys.map((k) => [k, values.weights[k] ?? 0])), targetShare: targetPercent / 100 });
      void message.success(t('queue.setup.saved'));
      onSaved();
    } catch (error) {
      showError(error, { form, fields: FIELDS });
    } finally {
      setSaving(false);
    }
  };

  const minutes = (name: keyof Values, label: MessageKey, hint: MessageKey, min: number, max: number) => (
    <Col xs={24} md={12} xl={8}>
      <Form.Item name={name} label={t(label)} extra={t(hint)} rules={[{ required: true, message: t('common.required', { field: t(label) }) }]}>
        <InputNumber min={min} max={max} precision={0} style={{ width: 160 }} suffix={name === 'noShowAfterCalls' ? t('queue.setup.timesUnit') : name === 'targetPercent' ? '%' : t('queue.dash.minutesUnit')} />
      </Form.Item>
    </Col>
  );

  return (
    <Card size="small" title={t('queue.setup.rules')} data-testid="setup-rules"
      extra={editable ? <Button type="primary" icon={<SaveOutlined />} loading={saving} onClick={() => form.submit()} data-testid="setup-rules-save">{t('common.save')}</Button> : null}>
      <Form<Values> form={form} layout="vertical" disabled={!editable} onFinish={(v) => void save(v)} initialValues={{ ...setting, targetPercent: Math.round(setting.targetShare * 100) }}>
        <Typography.Title level={5} style={{ marginTop: 0 }}>{t('queue.setup.weights')}</Typography.Title>
        <Typography.Paragraph type="secondary">{t('queue.setup.weightsHint')}</Typography.Paragraph>
        <Space wrap size={[24, 0]} align="start">
          {ordered.map((key) => (
            <Form.Item key={key} name={['weights', key]} label={weightLabel(key)} rules={[{ required: true, message: t('common.required', { field: weightLabel(key) }) }]}>
              <InputNumber min={0} max={120} precision={0} style={{ width: 130 }} suffix={t('queue.dash.minutesUnit')} />
            </Form.Item>
          ))}
          {editable && addable.length > 0 ? (
            <Form.Item label={t('queue.setup.addSegment')}>
              <Select style={{ width: 200 }} placeholder={<><PlusOutlined /> {t('queue.setup.addSegment')}</>} value={null}
                onChange={(code: string) => setKeys((k) => [...k, code])} options={addable.map((s) => ({ value: s.code, label: pick(s) }))} />
            </Form.Item>
          ) : null}
        </Space>
        <Row gutter={24}>
          {minutes('maxOvertakeMinutes', 'queue.setup.maxOvertake', 'queue.setup.maxOvertakeHint', 0, 120)}
          {minutes('maxWaitMinutes', 'queue.setup.maxWait', 'queue.setup.maxWaitHint', 1, 480)}
          {minutes('noShowAfterCalls', 'queue.setup.noShowAfterCalls', 'queue.setup.noShowAfterCallsHint', 1, 10)}
          {minutes('targetWaitMinutes', 'queue.setup.targetWait', 'queue.setup.targetWaitHint', 1, 240)}
          {minutes('targetPercent', 'queue.setup.targetShare', 'queue.setup.targetShareHint', 1, 100)}
          {minutes('remoteHoldMinutes', 'queue.setup.remoteHold', 'queue.setup.remoteHoldHint', 5, 480)}
        </Row>
      </Form>
    </Card>
  );
}
