import { Form, Input, Modal, Typography } from 'antd';
import { useEffect } from 'react';
import { useT } from '../../i18n/i18n';
import { complaintsApi, type Complaint } from '../complaints.api';
import { useFormSubmit } from '../use-form-submit';
import { StepError } from '../detail/steps/StepError';

export type ExtensionChoice = { complaintId: string; complaintRef: string; extensionId: string; approve: boolean; days: number };

/** Approving or refusing an extension, with a note (the complainant is told of an approved one). */
export function ExtensionDecisionModal({ choice, onClose, onDecided }: { choice: ExtensionChoice | null; onClose: () => void; onDecided: (c: Complaint) => void }) {
  const { t } = useT();
  const [form] = Form.useForm<{ note: string }>();
  const { busy, problem, run, clearProblem } = useFormSubmit(form, ['note', 'approve']);
  useEffect(() => {
    if (choice) {
      form.resetFields();
      clearProblem();
    }
  }, [choice]);

  const submit = async () => {
    if (!choice) return;
    let note: string;
    try {
      note = (await form.validateFields()).note.trim();
    } catch {
      return;
    }
    const updated = await run(() => complaintsApi.decideExtension(choice.complaintId, choice.extensionId, { approve: choice.approve, note }));
    if (updated) onDecided(updated);
  };

  return (
    <Modal
      open={choice !== null}
      title={choice ? t(choice.approve ? 'complaintExt.approveTitle' : 'complaintExt.refuseTitle', { ref: choice.complaintRef }) : ''}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={choice?.approve ? t('complaintExt.approve') : t('complaintExt.refuse')}
      okButtonProps={{ danger: choice?.approve === false, loading: busy, 'data-testid': 'complaint-extension-decision-submit' }}
      cancelText={t('common.cancel')}
      destroyOnHidden
    >
      {choice ? <Typography.Paragraph type="secondary">{t(choice.approve ? 'complaintExt.approveText' : 'complaintExt.refuseText', { days: choice.days })}</Typography.Paragraph> : null}
      <Form form={form} layout="vertical">
        <Form.Item name="note" label={t('complaintExt.note')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('complaintExt.note') }) }, { min: 2 }]}>
          <Input.TextArea rows={3} maxLength={1000} showCount data-testid="complaint-extension-note" />
        </Form.Item>
      </Form>
      <StepError problem={problem} />
    </Modal>
  );
}
