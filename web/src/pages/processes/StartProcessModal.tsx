import { App, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { processApi, type ProcessDefinition } from '../../api/process.api';
import { useT } from '../../i18n/i18n';
import { useShowError } from '../../shared/api-errors';

type Values = { businessKey?: string; variables?: string };

const example = '{"amount": 50000, "customerId": "C001"}';

/** Parses the optional variables field; `undefined` when empty, `null` when not a JSON object. */
export function parseVariables(text: string | undefined): Record<string, unknown> | undefined | null {
  if (!text || text.trim() === '') return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

type Props = { definition: ProcessDefinition; open: boolean; onClose: () => void };

/** 发起: starts an instance of the latest version of the process. */
export function StartProcessModal({ definition, open, onClose }: Props) {
  const { t } = useT();
  const { message } = App.useApp();
  const showError = useShowError();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);

  const submit = async (values: Values) => {
    const variables = parseVariables(values.variables);
    if (variables === null) return; // the field rule shows the problem
    setSaving(true);
    try {
      const started = await processApi.start(definition.key, values.businessKey?.trim() || undefined, variables);
      const tasks = started.tasks.map((task) => task.name ?? task.elementId).join('、');
      void message.success(tasks ? t('start.doneTasks', { tasks }) : t('start.done'));
      onClose();
      navigate(`/instances/${encodeURIComponent(started.id)}`);
    } catch (err) {
      showError(err, { form, fields: ['businessKey', 'variables'] });
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('start.title', { name: definition.name ?? definition.key })}
      okText={t('process.start')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={saving}
      okButtonProps={{ 'data-testid': 'start-submit' }}
      destroyOnHidden
    >
      <Form<Values> form={form} layout="vertical" onFinish={submit} preserve={false}>
        <Form.Item name="businessKey" label={t('start.businessKey')} extra={t('start.businessKeyHint')}>
          <Input maxLength={200} data-testid="start-business-key" />
        </Form.Item>
        <Form.Item
          name="variables"
          label={t('start.variables')}
          rules={[
            {
              validator: (_, value: string | undefined) =>
                parseVariables(value) === null
                  ? Promise.reject(new Error(t('start.variablesInvalid', { example })))
                  : Promise.resolve(),
            },
          ]}
        >
          <Input.TextArea rows={6} placeholder={example} style={{ fontFamily: 'monospace' }} data-testid="start-variables" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
