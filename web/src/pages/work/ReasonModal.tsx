import { Form, Input, Modal } from 'antd';
import { useEffect } from 'react';
import { useT } from '../../i18n/i18n';

type Props = {
  open: boolean;
  title: string;
  label: string;
  okText: string;
  danger?: boolean;
  initial?: string;
  /** Shortest reason the server accepts. */
  minLength?: number;
  loading?: boolean;
  testId: string;
  onOk: (reason: string) => void;
  onCancel: () => void;
};

/** Asks for the reason of a step's outcome (return for correction, rejection) before it is sent. */
export function ReasonModal({ open, title, label, okText, danger, initial, minLength = 2, loading, testId, onOk, onCancel }: Props) {
  const { t } = useT();
  const [form] = Form.useForm<{ reason: string }>();
  useEffect(() => {
    if (open) form.setFieldsValue({ reason: initial ?? '' });
  }, [open, initial, form]);

  return (
    <Modal
      open={open}
      title={title}
      okText={okText}
      cancelText={t('common.cancel')}
      okButtonProps={{ danger, 'data-testid': `${testId}-ok` }}
      confirmLoading={loading}
      onOk={() => form.submit()}
      onCancel={onCancel}
      forceRender
    >
      <Form form={form} layout="vertical" onFinish={(v) => onOk(v.reason.trim())}>
        <Form.Item
          name="reason"
          label={label}
          rules={[
            { required: true, whitespace: true, message: t('common.required', { field: label }) },
            { min: minLength, message: t('work.reasonTooShort', { n: minLength }) },
          ]}
        >
          <Input.TextArea rows={3} maxLength={500} showCount autoFocus data-testid={testId} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
