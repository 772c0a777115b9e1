import { CheckOutlined, MessageOutlined } from '@ant-design/icons';
import { Alert, App, Button, Descriptions, Divider, Drawer, Flex, Form, Input, Skeleton, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { useMe } from '../../auth/auth';
import { useFormSubmit } from '../../complaints/use-form-submit';
import { useT } from '../../i18n/i18n';
import { formatMinute } from '../../pages/catalog/service-display';
import { useRequest } from '../../shared/use-request';
import { serviceApi, type ServiceRequest } from '../service.api';
import { ClockPanel, RequestStatusTag } from './request-display';

const NOTE_FIELDS = ['note'] as const;
type Action = 'respond' | 'resolve';

type Props = {
  /** The request's id or reference; null when closed. */
  requestId: string | null;
  onClose: () => void;
  /** The request changed (answered or resolved): the lists showing it look again. */
  onChanged: (request: ServiceRequest) => void;
};

/**
 * 服务请求详情: the request, its two clocks and its notes; "Record response" while nobody has
 * answered, "Resolve" until it is resolved, each with a note. The server has the last word: a
 * request someone else answered meanwhile is refused with its message.
 */
export function RequestDrawer({ requestId, onClose, onChanged }: Props) {
  const { t } = useT();
  const { can } = useMe();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ note: string }>();
  const { busy, problem, clearProblem, run } = useFormSubmit(form, NOTE_FIELDS);
  const [acting, setActing] = useState<Action | null>(null);
  const [updated, setUpdated] = useState<ServiceRequest | null>(null);
  // a request answered in an earlier opening is read afresh
  useEffect(() => setUpdated(null), [requestId]);
  const loaded = useRequest((signal) => serviceApi.request(requestId ?? '', signal), [requestId], { enabled: requestId !== null });
  const request = updated && (updated.id === requestId || updated.ref === requestId) ? updated : loaded.data;
  const mayAct = can('merchant.write') && request !== undefined && request.status !== 'resolved';

  const act = async (action: Action) => {
    if (!request) return;
    let note: string;
    try {
      note = (await form.validateFields()).note.trim();
    } catch {
      return;
    }
    setActing(action);
    const done = await run(() => (action === 'respond' ? serviceApi.respond(request.id, note) : serviceApi.resolve(request.id, note)));
    setActing(null);
    if (!done) return;
    void message.success(t(action === 'respond' ? 'mch.req.responded' : 'mch.req.resolved', { ref: done.ref }));
    form.resetFields();
    setUpdated(done);
    onChanged(done);
  };

  const close = () => {
    setUpdated(null);
    clearProblem();
    onClose();
  };

  return (
    <Drawer
      open={requestId !== null}
      size={620}
      onClose={close}
      destroyOnHidden
      title={request ? <Space><span style={{ fontFamily: 'monospace' }} data-testid="request-ref">{request.ref}</span><RequestStatusTag status={request.status} testId="request-status" /></Space> : t('mch.req.detail')}
      data-testid="request-drawer"
    >
      {!request ? (
        <Skeleton active />
      ) : (
        <Flex vertical gap={16}>
          <Descriptions size="small" column={2} bordered>
            <Descriptions.Item label={t('mch.req.merchant')} span={2}>
              <Link to={`/merchants/${encodeURIComponent(request.merchant.code)}`} style={{ fontFamily: 'monospace' }}>{request.merchant.code}</Link> {request.merchant.name}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}> · {request.merchant.unitCode}</Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t('mch.req.kind')}>{t(`mch.req.kind.${request.kind}`)}</Descriptions.Item>
            <Descriptions.Item label={t('mch.req.tier')}><Tag style={{ marginInlineEnd: 0 }}>{t(`mch.tier.${request.tier}`)}</Tag></Descriptions.Item>
            <Descriptions.Item label={t('mch.req.channel')}>{t(`mch.req.channel.${request.channel}`)}</Descriptions.Item>
            <Descriptions.Item label={t('mch.req.openedAt')}>{formatMinute(request.openedAt)} · {request.createdBy}</Descriptions.Item>
            <Descriptions.Item label={t('mch.req.description')} span={2}><Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{request.description}</Typography.Paragraph></Descriptions.Item>
          </Descriptions>
          <Flex gap={12} wrap>
            <ClockPanel request={request} which="response" />
            <ClockPanel request={request} which="resolution" />
          </Flex>
          <div>
            <Divider titlePlacement="start" style={{ margin: '4px 0 8px' }}>{t('mch.req.notes')}</Divider>
            {request.response.note || request.resolution.text ? (
              <Flex vertical gap={8} data-testid="request-notes">
                {request.response.note ? <Note label={t('mch.req.responseNote')} text={request.response.note} by={request.response.by} at={request.response.at} /> : null}
                {request.resolution.text ? <Note label={t('mch.req.resolutionNote')} text={request.resolution.text} by={request.resolution.by} at={request.resolution.at} /> : null}
              </Flex>
            ) : (
              <Typography.Text type="secondary">{t('mch.req.noNotes')}</Typography.Text>
            )}
          </div>
          {mayAct ? (
            <div>
              <Divider titlePlacement="start" style={{ margin: '4px 0 8px' }}>{t('mch.req.act')}</Divider>
              <Form form={form} layout="vertical" onValuesChange={clearProblem}>
                <Form.Item name="note" label={t('mch.req.note')} extra={t(request.status === 'open' ? 'mch.req.noteHintOpen' : 'mch.req.noteHintResponded')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('mch.req.note') }) }, { min: 2, message: t('mch.req.noteShort') }]}>
                  <Input.TextArea rows={3} maxLength={2000} data-testid="request-note" />
                </Form.Item>
              </Form>
              <Space wrap>
                <Button icon={<MessageOutlined />} disabled={request.status !== 'open'} loading={busy && acting === 'respond'} onClick={() => void act('respond')} data-testid="request-respond">{t('mch.req.respond')}</Button>
                <Button type="primary" icon={<CheckOutlined />} loading={busy && acting === 'resolve'} onClick={() => void act('resolve')} data-testid="request-resolve">{t('mch.req.resolve')}</Button>
              </Space>
            </div>
          ) : null}
          {problem ? <Alert type="error" showIcon title={problem} data-testid="request-error" /> : null}
        </Flex>
      )}
    </Drawer>
  );
}

function Note({ label, text, by, at }: { label: string; text: string; by: string | null; at: string | null }) {
  return (
    <Flex vertical gap={2}>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>{label} · {by ?? ''} {formatMinute(at)}</Typography.Text>
      <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{text}</Typography.Text>
    </Flex>
  );
}
