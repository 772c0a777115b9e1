import { Alert, App, Form, Input, Modal, Radio } from 'antd';
import { useEffect, useState } from 'react';
import { casesApi, type Case } from '../../api/cases.api';
import { useT } from '../../i18n/i18n';
import { useShowError } from '../../shared/api-errors';

type Outcome = 'completed' | 'cancelled';
type Values = { outcome: Outcome; note: string };

type Props = { theCase: Case | null; onClose: () => void; onClosed: (updated: Case) => void };

/**
 * 办结 / 撤销 by hand. A case whose process still runs can only be cancelled (its process is
 * cancelled with it); one without a process is completed here once the work is done.
 */
export function CloseCaseModal({ theCase, onClose, onClosed }: Props) {
  const { t } = useT();
  const { message } = App.useApp();
  const showError = useShowError();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const canComplete = theCase !== null && theCase.instanceId === null;
  const outcome = Form.useWatch('outcome', form);

  useEffect(() => {
    if (theCase) form.setFieldsValue({ outcome: canComplete ? 'completed' : 'cancelled', note: '' });
  }, [theCase, canComplete, form]);

  const submit = async ({ outcome: chosen, note }: Values) => {
    if (!theCase) return;
    setSaving(true);
    try {
      const updated = await casesApi.close(theCase.id, chosen, note.trim());
      void message.success(t(chosen === 'completed' ? 'case.closedDone' : 'case.cancelledDone', { ref: updated.ref }));
      onClosed(updated);
    } catch (err) {
      showError(err, { form, fields: ['outcome', 'note'] });
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={theCase !== null}
      title={t('case.closeTitle', { ref: theCase?.ref ?? '' })}
      okText={t('common.ok')}
      cancelText={t('common.cancel')}
      okButtonProps={{ danger: outcome === 'cancelled', 'data-testid': 'case-close-ok' }}
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      forceRender
    >
      <Form<Values> form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="outcome" label={t('case.closeOutcome')}>
          <Radio.Group
            optionType="button"
            options={[
              { value: 'completed', label: t('case.outcome.completed'), disabled: !canComplete },
              { value: 'cancelled', label: t('case.outcome.cancelled') },
            ]}
          />
        </Form.Item>
        {!canComplete ? <Alert type="info" showIcon title={t('case.completeByProcess')} style={{ marginBottom: 16 }} /> : null}
        {outcome === 'cancelled' ? <Alert type="warning" showIcon title={t('case.cancelWarning')} style={{ marginBottom: 16 }} /> : null}
        <Form.Item
          name="note"
          label={t('case.closeNote')}
          rules={[
            { required: true, whitespace: true, message: t('common.required', { field: t('case.closeNote') }) },
            { min: 2, message: t('work.reasonTooShort', { n: 2 }) },
          ]}
        >
          <Input.TextArea rows={3} maxLength={500} showCount data-testid="case-close-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
