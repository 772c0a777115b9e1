import { Alert, App, Form, Modal, Select } from 'antd';
import { useMemo, useState } from 'react';
import { usersApi } from '../../api/users.api';
import { workApi } from '../../api/work.api';
import { useMe } from '../../auth/auth';
import { useT } from '../../i18n/i18n';
import { useShowError } from '../../shared/api-errors';
import { useRequest } from '../../shared/use-request';

type Values = { from: string; to?: string };

/** 转派: hands an absent colleague's open tasks to someone else, or back to the pool. */
export function ReassignModal({ open, onClose, onDone }: { open: boolean; onClose: () => void; onDone: () => void }) {
  const { t } = useT();
  const me = useMe();
  const { message } = App.useApp();
  const showError = useShowError();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const users = useRequest((signal) => usersApi.list({ status: 'active', limit: 200, offset: 0 }, signal), [], {
    enabled: open && me.can('org.user.read'),
    silent: true,
  });
  const options = useMemo(
    () => (users.data?.items ?? []).map((u) => ({ value: u.username, label: `${u.displayName} (${u.username})` })),
    [users.data],
  );

  const submit = async ({ from, to }: Values) => {
    setSaving(true);
    try {
      const { moved } = await workApi.reassign(from, to ?? null);
      void message.success(t('work.reassigned', { n: moved }));
      form.resetFields();
      onDone();
    } catch (err) {
      showError(err, { form, fields: ['from', 'to'] });
    } finally {
      setSaving(false);
    }
  };

  const required = { required: true, message: t('common.selectRequired', { field: t('work.reassignFrom') }) };
  return (
    <Modal open={open} title={t('work.reassignTitle')} okText={t('work.reassign')} cancelText={t('common.cancel')}
      confirmLoading={saving} onOk={() => form.submit()} onCancel={onClose} forceRender okButtonProps={{ 'data-testid': 'work-reassign-ok' }}>
      <Alert type="info" showIcon title={t('work.reassignHint')} style={{ marginBottom: 16 }} />
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="from" label={t('work.reassignFrom')} rules={[required]}>
          <Select showSearch={{ optionFilterProp: 'label' }} options={options.filter((o) => o.value !== me.username)} loading={users.loading} data-testid="work-reassign-from" />
        </Form.Item>
        <Form.Item name="to" label={t('work.reassignTo')} extra={t('work.reassignToHint')}>
          <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={options} loading={users.loading} placeholder={t('work.backToPool')} data-testid="work-reassign-to" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
