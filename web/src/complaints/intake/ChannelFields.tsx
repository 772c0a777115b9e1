import { Col, DatePicker, Form, Input, Radio, Row } from 'antd';
import dayjs from 'dayjs';
import { useT } from '../../i18n/i18n';
import { channels, type ComplaintChannel } from '../complaints.api';

/** How the complaint came in; a regulator's referral (监管转办) with its number, and the day a letter or referral was received. */
export function ChannelFields({ channel }: { channel: ComplaintChannel }) {
  const { t } = useT();
  const late = channel === 'regulator' || channel === 'letter';
  return (
    <>
      <Form.Item name="channel" label={t('complaint.channelLabel')} rules={[{ required: true }]}>
        <Radio.Group optionType="button" buttonStyle="solid" data-testid="complaint-channel">
          {channels.map((c) => (
            <Radio.Button key={c} value={c}><span data-testid={`complaint-channel-${c}`}>{t(`complaint.channel.${c}`)}</span></Radio.Button>
          ))}
        </Radio.Group>
      </Form.Item>
      {late ? (
        <Row gutter={12}>
          {channel === 'regulator' ? (
            <Col xs={24} md={12}>
              <Form.Item name="regulatorRef" label={t('complaintIntake.regulatorRef')}
                rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('complaintIntake.regulatorRef') }) }]}>
                <Input maxLength={60} autoComplete="off" style={{ fontFamily: 'monospace' }} data-testid="complaint-regulator-ref" />
              </Form.Item>
            </Col>
          ) : null}
          <Col xs={24} md={12}>
            <Form.Item name="receivedAt" label={t('complaintIntake.receivedAt')} extra={t('complaintIntake.receivedAtHint')}>
              <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" disabledDate={(d) => d.isAfter(dayjs(), 'day')} style={{ width: '100%' }} data-testid="complaint-received-at" />
            </Form.Item>
          </Col>
        </Row>
      ) : null}
    </>
  );
}
