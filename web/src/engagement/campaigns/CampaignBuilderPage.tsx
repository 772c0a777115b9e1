import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Checkbox, DatePicker, Flex, Form, Input, InputNumber, Radio, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useMe } from '../../auth/auth';
import { useT } from '../../i18n/i18n';
import { useShowError } from '../../shared/api-errors';
import { PageHeader } from '../../shared/PageHeader';
import { useRequest } from '../../shared/use-request';
import { campaignsApi, type CampaignKind, type Channel, type NewCampaign, type Prize } from './campaigns.api';

const CHANNELS: Channel[] = ['sms', 'email', 'portal', 'counter'];

type Values = {
  code: string; nameZh: string; nameEn: string; kind: CampaignKind; segmentCode: string; channels: Channel[]; period: [Dayjs, Dayjs]; controlPercent: number;
  messages: Partial<Record<Channel, { zh: string; en: string }>>; productCode?: string; offerZh?: string; offerEn?: string;
  sessions?: { startsAt: Dayjs; unitCode: string; place: string; capacity: number }[]; prizes?: Prize[]; lotteryRule?: 'contacted' | 'entered';
};

/** 新建营销活动: kind, target segment (with its live count), channels and their messages, period, control share, a seminar's sessions or a lottery's prizes. */
export function CampaignBuilderPage() {
  const { t, pick } = useT();
  const me = useMe();
  const { message } = App.useApp();
  const showError = useShowError();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const kind = Form.useWatch('kind', form) ?? 'seminar';
  const channels = Form.useWatch('channels', form) ?? [];
  const segmentCode = Form.useWatch('segmentCode', form);
  const { data: segments } = useRequest((signal) => campaignsApi.segments(signal), []);
  const chosen = segments?.find((s) => s.code === segmentCode);
  const { data: live } = useRequest((signal) => campaignsApi.dryRun(chosen!.expression, signal), [chosen?.expression], { enabled: chosen !== undefined, silent: true });

  const start = dayjs().startOf('minute');
  const initial: Partial<Values> = {
    kind: 'seminar', channels: ['sms'], controlPercent: 10, period: [start, start.add(30, 'day')], lotteryRule: 'contacted',
    messages: Object.fromEntries(CHANNELS.map((c) => [c, { zh: '诚邀您参加我行活动，详情请点击链接', en: 'You are invited to our event; see the link for details' }])),
    sessions: [{ startsAt: start.add(7, 'day').hour(14).minute(0), unitCode: me.unit.code, place: '', capacity: 30 }],
    prizes: [{ nameZh: '', nameEn: '', count: 1 }],
  };

  const save = async (v: Values) => {
    const body: NewCampaign = {
      code: v.code.trim().toUpperCase(), nameZh: v.nameZh, nameEn: v.nameEn, kind: v.kind, segmentCode: v.segmentCode, channels: v.channels,
      startsAt: v.period[0].toISOString(), endsAt: v.period[1].toISOString(), controlPercent: v.controlPercent,
      messages: Object.fromEntries(v.channels.map((c) => [c, v.messages[c]!])),
      ...(v.kind !== 'seminar' && v.productCode ? { productCode: v.productCode } : {}),
      ...(v.kind === 'promotion' && v.offerZh ? { offerZh: v.offerZh, offerEn: v.offerEn ?? v.offerZh } : {}),
      ...(v.kind === 'seminar' ? { sessions: (v.sessions ?? []).map((s) => ({ startsAt: s.startsAt.toISOString(), unitCode: s.unitCode, place: s.place, capacity: s.capacity })) } : {}),
      ...(v.kind === 'lottery' ? { prizes: v.prizes ?? [], lotteryRule: v.lotteryRule ?? 'contacted' } : {}),
    };
    setSaving(true);
    try {
      const created = await campaignsApi.create(body);
      void message.success(t('campaign.builder.saved'));
      navigate(`/campaigns/${created.id}`);
    } catch (error) {
      showError(error, { form, fields: ['code', 'nameZh', 'nameEn', 'segmentCode', 'channels', 'controlPercent', 'productCode'] });
    } finally {
      setSaving(false);
    }
  };

  return (
    <>
      <PageHeader title={t('campaign.builder.title')} section="nav.engagement" />
      <Form<Values> form={form} layout="vertical" initialValues={initial} onFinish={save} data-testid="campaign-builder" style={{ maxWidth: 960 }}>
        <Card title={t('campaign.builder.basics')} style={{ marginBottom: 16 }}>
          <Flex gap={16} wrap>
            <Form.Item name="code" label={t('campaign.builder.code')} rules={[{ required: true, pattern: /^[A-Za-z0-9][A-Za-z0-9-]{1,39}$/ }]} style={{ width: 220 }}>
              <Input placeholder="SEM-2026-12" data-testid="campaign-code" />
            </Form.Item>
            <Form.Item name="nameZh" label={t('campaign.builder.nameZh')} rules={[{ required: true }]} style={{ width: 300 }}>
              <Input data-testid="campaign-name-zh" />
            </Form.Item>
            <Form.Item name="nameEn" label={t('campaign.builder.nameEn')} rules={[{ required: true }]} style={{ width: 300 }}>
              <Input data-testid="campaign-name-en" />
            </Form.Item>
          </Flex>
          <Form.Item name="kind" label={t('campaign.builder.kind')}>
            <Radio.Group data-testid="campaign-kind">
              {(['promotion', 'lottery', 'seminar'] as const).map((k) => <Radio.Button key={k} value={k} data-testid={`campaign-kind-${k}`}>{t(`campaign.kind.${k}`)}</Radio.Button>)}
            </Radio.Group>
          </Form.Item>
        </Card>

        <Card title={t('campaign.builder.audience')} style={{ marginBottom: 16 }}>
          <Form.Item name="segmentCode" label={t('campaign.builder.segment')} rules={[{ required: true }]}
            extra={chosen && <span data-testid="campaign-segment-count">{t('campaign.builder.members', { n: chosen.members })}{live ? ` · ${t('campaign.builder.liveCount', { n: live.inYourBranches })}` : ''}</span>}>
            <Select showSearch optionFilterProp="label" data-testid="campaign-segment" style={{ maxWidth: 480 }}
              options={(segments ?? []).map((s) => ({ value: s.code, label: `${pick(s)} (${s.code}) · ${s.members}` }))} />
          </Form.Item>
          <Form.Item name="channels" label={t('campaign.builder.channels')} rules={[{ required: true, type: 'array', min: 1 }]}>
            <Checkbox.Group>
              {CHANNELS.map((c) => <Checkbox key={c} value={c} data-testid={`campaign-channel-${c}`}>{t(`campaign.channel.${c}`)}</Checkbox>)}
            </Checkbox.Group>
          </Form.Item>
          <Flex gap={16} wrap>
            <Form.Item name="period" label={t('campaign.builder.schedule')} rules={[{ required: true }]}>
              <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" data-testid="campaign-period" />
            </Form.Item>
            <Form.Item name="controlPercent" label={t('campaign.builder.control')} extra={t('campaign.builder.controlHelp')} rules={[{ required: true }]}>
              <InputNumber min={0} max={50} data-testid="campaign-control" />
            </Form.Item>
          </Flex>
        </Card>

        <Card title={t('campaign.builder.messages')} style={{ marginBottom: 16 }}>
          {channels.map((c) => (
            <Flex key={c} gap={16}>
              <Form.Item name={['messages', c, 'zh']} label={t('campaign.builder.messageZh', { channel: t(`campaign.channel.${c}`) })} rules={[{ required: true, max: 300 }]} style={{ flex: 1 }}>
                <Input.TextArea rows={2} data-testid={`campaign-message-${c}-zh`} />
              </Form.Item>
              <Form.Item name={['messages', c, 'en']} label={t('campaign.builder.messageEn', { channel: t(`campaign.channel.${c}`) })} rules={[{ required: true, max: 500 }]} style={{ flex: 1 }}>
                <Input.TextArea rows={2} data-testid={`campaign-message-${c}-en`} />
              </Form.Item>
            </Flex>
          ))}
        </Card>

        {kind === 'seminar' && (
          <Card title={t('campaign.builder.sessions')} style={{ marginBottom: 16 }}>
            <Form.List name="sessions">
              {(fields, { add, remove }) => (
                <>
                  {fields.map((f, i) => (
                    <Flex key={f.key} gap={12} align="baseline" data-testid={`campaign-session-${i}`}>
                      <Form.Item name={[f.name, 'startsAt']} label={t('campaign.builder.sessionTime')} rules={[{ required: true }]}>
                        <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" data-testid={`campaign-session-${i}-time`} />
                      </Form.Item>
                      <Form.Item name={[f.name, 'unitCode']} label={t('campaign.builder.sessionUnit')} rules={[{ required: true }]} style={{ width: 130 }}>
                        <Input data-testid={`campaign-session-${i}-unit`} />
                      </Form.Item>
                      <Form.Item name={[f.name, 'place']} label={t('campaign.builder.sessionPlace')} rules={[{ required: true, max: 200 }]} style={{ flex: 1 }}>
                        <Input data-testid={`campaign-session-${i}-place`} />
                      </Form.Item>
                      <Form.Item name={[f.name, 'capacity']} label={t('campaign.builder.sessionCapacity')} rules={[{ required: true }]}>
                        <InputNumber min={1} max={10000} data-testid={`campaign-session-${i}-capacity`} />
                      </Form.Item>
                      {fields.length > 1 && <MinusCircleOutlined onClick={() => remove(f.name)} />}
                    </Flex>
                  ))}
                  <Button icon={<PlusOutlined />} onClick={() => add({ startsAt: start.add(8, 'day').hour(14).minute(0), unitCode: me.unit.code, place: '', capacity: 30 })} data-testid="campaign-session-add">{t('campaign.builder.addSession')}</Button>
                </>
              )}
            </Form.List>
          </Card>
        )}

        {kind === 'lottery' && (
          <Card title={t('campaign.builder.prizes')} style={{ marginBottom: 16 }}>
            <Form.List name="prizes">
              {(fields, { add, remove }) => (
                <>
                  {fields.map((f, i) => (
                    <Flex key={f.key} gap={12} align="baseline">
                      <Form.Item name={[f.name, 'nameZh']} label={t('campaign.builder.prizeZh')} rules={[{ required: true }]}><Input data-testid={`campaign-prize-${i}-zh`} /></Form.Item>
                      <Form.Item name={[f.name, 'nameEn']} label={t('campaign.builder.prizeEn')} rules={[{ required: true }]}><Input data-testid={`campaign-prize-${i}-en`} /></Form.Item>
                      <Form.Item name={[f.name, 'count']} label={t('campaign.builder.prizeCount')} rules={[{ required: true }]}><InputNumber min={1} data-testid={`campaign-prize-${i}-count`} /></Form.Item>
                      {fields.length > 1 && <MinusCircleOutlined onClick={() => remove(f.name)} />}
                    </Flex>
                  ))}
                  <Button icon={<PlusOutlined />} onClick={() => add({ nameZh: '', nameEn: '', count: 1 })}>{t('campaign.builder.addPrize')}</Button>
                </>
              )}
            </Form.List>
            <Form.Item name="lotteryRule" label={t('campaign.builder.lotteryRule')} style={{ marginTop: 16 }}>
              <Radio.Group options={[{ value: 'contacted', label: t('campaign.builder.ruleContacted') }, { value: 'entered', label: t('campaign.builder.ruleEntered') }]} />
            </Form.Item>
          </Card>
        )}

        {kind !== 'seminar' && (
          <Card style={{ marginBottom: 16 }}>
            <Flex gap={16} wrap>
              <Form.Item name="productCode" label={t('campaign.builder.product')} style={{ width: 220 }}><Input placeholder="DEP-LCD-36" data-testid="campaign-product" /></Form.Item>
              {kind === 'promotion' && <Form.Item name="offerZh" label={t('campaign.builder.offerZh')} style={{ width: 300 }}><Input /></Form.Item>}
              {kind === 'promotion' && <Form.Item name="offerEn" label={t('campaign.builder.offerEn')} style={{ width: 300 }}><Input /></Form.Item>}
            </Flex>
          </Card>
        )}
        <Button type="primary" htmlType="submit" loading={saving} data-testid="campaign-save">{t('campaign.builder.save')}</Button>
      </Form>
    </>
  );
}
