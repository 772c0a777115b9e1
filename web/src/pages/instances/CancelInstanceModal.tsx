import { Alert, App, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { processApi } from '../../api/process.api';
import { useT } from '../../i18n/i18n';
import { useShowError } from '../../shared/api-errors';

type Props = { instanceId: string; open: boolean; onClose: () => void; onCancelled: () => void };

/** 撤销: ends a running instance; the reason is kept with the instance and in the audit log. */
export function CancelInstanceModal({ instanceId, open, onClose, onCancelled }: Props) {
  const { t } = useT();
  const { message } = App.useApp();
  const showError = useShowError();
  const [form] = Form.useForm<{ reason: string }>();
  const [saving, setSaving] = useState(false);

  const submit = async ({ reason }: { reason: string }) => {
    setSaving(true);
    try {
      await processApi.cancel(instanceId, reason.trim());
      void message.success(t('instance.cancelled'));
      onCancelled();
    } catch (err) {
      showError(err, { form, fields: ['reason'] });
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('instance.cancelTitle')}
      okText={t('instance.cancel')}
      okButtonProps={{ danger: true, 'data-testid': 'instance-cancel-submit' }}
      cancelText={t('common.close')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={saving}
      destroyOnHidden
    >
      <Alert type="warning" showIcon title={t('instance.cancelWarning')} style={{ marginBottom: 16 }} />
      <Form form={form} layout="vertical" onFinish={submit} preserve={false}>
        <Form.Item
          name="reason"
          label={t('instance.cancelReason')}
          rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('instance.cancelReason') }) }]}
        >
          <Input.TextArea rows={3} maxLength={500} showCount data-testid="instance-cancel-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
