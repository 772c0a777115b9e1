import { App, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { usersApi, type User } from '../../api/users.api';
import { useT } from '../../i18n/i18n';
import { useShowError } from '../../shared/api-errors';
import { useRetained } from '../../shared/use-retained';

type Values = { password: string; confirm: string };

export function ResetPasswordModal({ user: openUser, onClose }: { user: User | null; onClose: () => void }) {
  const user = useRetained(openUser);
  const { t } = useT();
  const { message } = App.useApp();
  const showError = useShowError();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);

  const submit = async ({ password }: Values) => {
    if (!user) return;
    setSaving(true);
    try {
      await usersApi.setPassword(user.id, password);
      void message.success(t('users.resetDone'));
      onClose();
    } catch (err) {
      showError(err, { form, fields: ['password'] });
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={openUser !== null}
      title={t('users.resetTitle', { name: user?.displayName ?? '' })}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={saving}
      okButtonProps={{ 'data-testid': 'reset-password-submit' }}
      destroyOnHidden
    >
      <Form<Values> form={form} layout="vertical" onFinish={submit} preserve={false}>
        <Form.Item
          name="password"
          label={t('users.newPassword')}
          rules={[{ required: true, message: t('common.required', { field: t('users.newPassword') }) }]}
        >
          <Input.Password autoComplete="new-password" data-testid="reset-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('users.confirmPassword')}
          dependencies={['password']}
          rules={[
            { required: true, message: t('common.required', { field: t('users.confirmPassword') }) },
            ({ getFieldValue }) => ({
              validator: (_, value) =>
                !value || getFieldValue('password') === value
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('users.passwordMismatch'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" data-testid="reset-password-confirm" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
