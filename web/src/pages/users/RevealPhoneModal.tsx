import { Alert, Descriptions, Form, Input, Modal, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { usersApi, type User } from '../../api/users.api';
import { useT } from '../../i18n/i18n';
import { useShowError } from '../../shared/api-errors';
import { useRetained } from '../../shared/use-retained';

type Values = { reason: string };

/**
 * Unmasks one user's phone number. The server audits the reason; the full value lives only
 * in this dialog and is forgotten when it closes.
 */
export function RevealPhoneModal({ user: openUser, onClose }: { user: User | null; onClose: () => void }) {
  const user = useRetained(openUser);
  const { t } = useT();
  const showError = useShowError();
  const [form] = Form.useForm<Values>();
  const [loading, setLoading] = useState(false);
  const [revealed, setRevealed] = useState<string | null | undefined>(undefined);

  useEffect(() => setRevealed(undefined), [openUser]);

  const submit = async ({ reason }: Values) => {
    if (!user) return;
    setLoading(true);
    try {
      const result = await usersApi.reveal(user.id, ['phone'], reason.trim());
      setRevealed(result.phone ?? null);
    } catch (err) {
      showError(err, { form, fields: ['reason'] });
    } finally {
      setLoading(false);
    }
  };

  const done = revealed !== undefined;
  return (
    <Modal
      open={openUser !== null}
      title={t('users.revealTitle', { name: user?.displayName ?? '' })}
      okText={done ? t('common.close') : t('users.revealSubmit')}
      cancelText={t('common.cancel')}
      cancelButtonProps={done ? { style: { display: 'none' } } : undefined}
      okButtonProps={{ 'data-testid': 'reveal-submit' }}
      onOk={() => (done ? onClose() : form.submit())}
      onCancel={onClose}
      confirmLoading={loading}
      destroyOnHidden
    >
      {done ? (
        <Descriptions
          column={1}
          bordered
          size="small"
          items={[
            {
              key: 'phone',
              label: t('users.phone'),
              children: revealed ? (
                <Typography.Text copyable strong data-testid="reveal-value">{revealed}</Typography.Text>
              ) : (
                <Typography.Text type="secondary" data-testid="reveal-value">{t('users.revealEmpty')}</Typography.Text>
              ),
            },
          ]}
        />
      ) : (
        <>
          <Alert type="info" showIcon title={t('users.revealHint')} style={{ marginBottom: 16 }} />
          <Form<Values> form={form} layout="vertical" onFinish={submit} preserve={false}>
            <Form.Item
              name="reason"
              label={t('users.revealReason')}
              rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('users.revealReason') }) }]}
            >
              <Input.TextArea rows={3} maxLength={200} showCount data-testid="reveal-reason" />
            </Form.Item>
          </Form>
        </>
      )}
    </Modal>
  );
}
