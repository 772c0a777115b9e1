import { Alert, App, Form, Input, Modal, Typography } from 'antd';
import { useFormSubmit } from '../../complaints/use-form-submit';
import { useT } from '../../i18n/i18n';
import { merchantsApi, type AlertItem } from '../merchants.api';

export type AlertAction = 'acknowledge' | 'close';
const NOTE_FIELDS = ['note'] as const;

type Props = { alert: AlertItem | null; action: AlertAction; onClose: () => void; onDone: () => void };

/**
 * Acknowledges an alert (someone is on it; a note is optional) or closes it with what was found
 * (a note is required). The server refuses a change to an alert already past that state.
 */
export function AlertNoteModal({ alert, action, onClose, onDone }: Props) {
  const { t, pick } = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ note?: string }>();
  const { busy, problem, run } = useFormSubmit(form, NOTE_FIELDS);
  const closing = action === 'close';

  const submit = async () => {
    if (!alert) return;
    let values: { note?: string };
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    const note = values.note?.trim() || undefined;
    const done = await run(() => (closing ? merchantsApi.close(alert.id, note ?? '') : merchantsApi.acknowledge(alert.id, note)));
    if (!done) return;
    void message.success(closing ? t('mch.alertBoard.closed') : t('mch.alertBoard.acknowledged'));
    form.resetFields();
    onDone();
  };

  return (
    <Modal
      open={alert !== null}
      title={closing ? t('mch.alertBoard.closeTitle') : t('mch.alertBoard.ackTitle')}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={closing ? t('mch.alertBoard.close') : t('mch.alertBoard.acknowledge')}
      okButtonProps={{ loading: busy, danger: closing, 'data-testid': 'alert-note-submit' }}
      destroyOnHidden
    >
      {alert ? (
        <Typography.Paragraph type="secondary">
          {alert.merchant.code} {alert.merchant.name} · {pick(alert.rule)}
        </Typography.Paragraph>
      ) : null}
      <Form form={form} layout="vertical">
        <Form.Item
          name="note"
          label={closing ? t('mch.alertBoard.closeNote') : t('mch.alertBoard.ackNote')}
          rules={closing ? [{ required: true, whitespace: true, message: t('common.required', { field: t('mch.alertBoard.closeNote') }) }, { min: 2, message: t('mch.alertBoard.noteShort') }] : [{ min: 2, message: t('mch.alertBoard.noteShort') }]}
        >
          <Input.TextArea rows={3} maxLength={1000} showCount placeholder={closing ? t('mch.alertBoard.closePlaceholder') : t('mch.alertBoard.ackPlaceholder')} data-testid="alert-note" />
        </Form.Item>
      </Form>
      {problem ? <Alert type="error" showIcon title={problem} /> : null}
    </Modal>
  );
}
