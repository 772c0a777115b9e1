import { Button, Flex, Form, Typography } from 'antd';
import { useMe } from '../../../auth/auth';
import { useT } from '../../../i18n/i18n';
import { complaintsApi } from '../../complaints.api';
import { useFormSubmit } from '../../use-form-submit';
import { UserPicker } from '../../UserPicker';
import type { StepProps } from './step-props';
import { StepError } from './StepError';

/** 指派处理人: anyone but those involved in the matter (回避); the server checks too. */
export function AssignStep({ complaint: c, onChanged }: StepProps) {
  const { t } = useT();
  const { username } = useMe();
  const [form] = Form.useForm<{ handler: string }>();
  const { busy, problem, run } = useFormSubmit(form, ['handler']);
  const excluded = [...new Set([...c.recused, ...c.tasks.flatMap((task) => task.excludedUsers)])];
  const meExcluded = excluded.includes(username);

  const assign = async (handler: string) => {
    const updated = await run(() => complaintsApi.assign(c.id, handler.trim()));
    if (updated) onChanged(updated);
  };

  return (
    <Form form={form} layout="vertical" onFinish={(v) => void assign(v.handler)}>
      <Form.Item name="handler" label={t('complaint.handler')}
        extra={excluded.length ? t('complaintStep.assign.recusedHint', { users: excluded.join(', ') }) : undefined}
        rules={[
          { required: true, whitespace: true, message: t('common.required', { field: t('complaint.handler') }) },
          { validator: (_, v?: string) => (v && excluded.includes(v.trim()) ? Promise.reject(new Error(t('complaintStep.assign.recused', { user: v }))) : Promise.resolve()) },
        ]}>
        <UserPicker excluded={excluded} placeholder={t('complaintStep.assign.placeholder')} testId="complaint-assign-handler" style={{ width: '100%', maxWidth: 420 }} />
      </Form.Item>
      <StepError problem={problem} />
      <Flex gap={8} wrap align="center">
        <Button type="primary" htmlType="submit" loading={busy} data-testid="complaint-assign-submit">{t('complaintStep.assign.submit')}</Button>
        {meExcluded ? (
          <Typography.Text type="secondary">{t('complaintStep.assign.youRecused')}</Typography.Text>
        ) : (
          <Button onClick={() => void assign(username)} disabled={busy} data-testid="complaint-assign-me">{t('complaintStep.assign.toMe')}</Button>
        )}
      </Flex>
    </Form>
  );
}
