import { App, Form, Input, Modal, Radio } from 'antd';
import { useEffect, useState } from 'react';
import type { Scope } from '../../api/auth.api';
import { rolesApi, type Permission, type Role } from '../../api/org.api';
import { useT } from '../../i18n/i18n';
import { useShowError } from '../../shared/api-errors';
import { useRetained } from '../../shared/use-retained';
import { PermissionPicker } from './PermissionPicker';

export type RoleEditorTarget = { mode: 'create' } | { mode: 'edit' | 'view'; role: Role };

type Values = { key: string; nameZh: string; nameEn: string; scope: Scope; permissions: string[] };
const fields = ['key', 'nameZh', 'nameEn', 'scope', 'permissions'] as const;
const scopes: readonly Scope[] = ['global', 'unit'];

type Props = {
  target: RoleEditorTarget | null;
  permissions: Permission[];
  onClose: () => void;
  onSaved: () => void;
};

export function RoleEditorModal({ target: openTarget, permissions, onClose, onSaved }: Props) {
  const target = useRetained(openTarget);
  const { t, pick } = useT();
  const { message } = App.useApp();
  const showError = useShowError();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const readOnly = target?.mode === 'view';

  useEffect(() => {
    if (!openTarget) return;
    form.resetFields();
    if (openTarget.mode !== 'create') {
      const { key, nameZh, nameEn, scope, permissions: granted } = openTarget.role;
      form.setFieldsValue({ key, nameZh, nameEn, scope, permissions: granted });
    }
  }, [openTarget]);

  const submit = async (values: Values) => {
    if (!target || readOnly) return;
    setSaving(true);
    const names = { nameZh: values.nameZh.trim(), nameEn: values.nameEn.trim() };
    try {
      if (target.mode === 'create') {
        await rolesApi.create({ key: values.key.trim(), ...names, scope: values.scope, permissions: values.permissions });
      } else {
        await rolesApi.update(target.role.key, { ...names, scope: values.scope, permissions: values.permissions });
      }
      void message.success(t(target.mode === 'create' ? 'roles.created' : 'roles.saved', { name: pick(names) }));
      onSaved();
    } catch (err) {
      showError(err, { form, fields });
    } finally {
      setSaving(false);
    }
  };

  const title = !target
    ? ''
    : target.mode === 'create'
      ? t('roles.createTitle')
      : t(target.mode === 'edit' ? 'roles.editTitle' : 'roles.viewTitle', { name: pick(target.role) });
  const required = (field: string) => ({ required: true, whitespace: true, message: t('common.required', { field }) });

  return (
    <Modal
      open={openTarget !== null}
      title={title}
      width={720}
      forceRender
      onCancel={onClose}
      onOk={() => (readOnly ? onClose() : form.submit())}
      okText={readOnly ? t('common.close') : t('common.save')}
      cancelText={t('common.cancel')}
      cancelButtonProps={readOnly ? { style: { display: 'none' } } : undefined}
      confirmLoading={saving}
      okButtonProps={{ 'data-testid': 'role-form-submit' }}
    >
      <Form<Values> form={form} layout="vertical" onFinish={submit} disabled={readOnly} initialValues={{ scope: 'unit', permissions: [] }}>
        <Form.Item name="key" label={t('roles.key')} extra={target?.mode === 'create' ? t('roles.keyHint') : undefined} rules={[required(t('roles.key'))]}>
          <Input disabled={target?.mode !== 'create'} autoComplete="off" data-testid="role-form-key" />
        </Form.Item>
        <Form.Item name="nameZh" label={t('roles.nameZh')} rules={[required(t('roles.nameZh'))]}>
          <Input data-testid="role-form-nameZh" />
        </Form.Item>
        <Form.Item name="nameEn" label={t('roles.nameEn')} rules={[required(t('roles.nameEn'))]}>
          <Input data-testid="role-form-nameEn" />
        </Form.Item>
        <Form.Item name="scope" label={t('roles.scope')}>
          <Radio.Group options={scopes.map((s) => ({ value: s, label: t(`scope.${s}`) }))} data-testid="role-form-scope" />
        </Form.Item>
        <Form.Item
          name="permissions"
          label={t('roles.permissions')}
          rules={[{ type: 'array', min: 1, message: t('roles.permissionsRequired') }]}
        >
          <PermissionPicker permissions={permissions} disabled={readOnly} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
