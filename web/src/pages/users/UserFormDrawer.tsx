import { Alert, Button, Drawer, Flex, Form, Input, Radio, Select, Skeleton, TreeSelect, App } from 'antd';
import { RelatedComplaintsCard } from '../../complaints/RelatedComplaintsCard';
import { useEffect, useState } from 'react';
import { isApiError } from '../../api/client';
import { usersApi, type NewUser, type User, type UserPatch, type UserStatus } from '../../api/users.api';
import { useT } from '../../i18n/i18n';
import { useShowError } from '../../shared/api-errors';
import type { UnitTreeOption } from '../../shared/unit-tree';
import { useRetained } from '../../shared/use-retained';

export type UserFormTarget = { mode: 'create' } | { mode: 'edit'; id: string };

type Values = {
  username: string;
  displayName: string;
  password: string;
  unitId: string;
  roles: string[];
  status: UserStatus;
  email: string;
  phone: string;
};

const createFields = ['username', 'displayName', 'password', 'unitId', 'roles', 'email', 'phone'] as const;
const editFields = ['displayName', 'unitId', 'roles', 'status', 'email', 'phone'] as const;

/** Masked values (`138****1234`) must never be sent back as if they were the real ones. */
const isMasked = (value: string | null): value is string => !!value && value.includes('*');

const sameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && [...a].sort().join('\n') === [...b].sort().join('\n');

function toPatch(user: User, v: Values): UserPatch {
  const patch: UserPatch = { version: user.version };
  if (v.displayName.trim() !== user.displayName) patch.displayName = v.displayName.trim();
  if (v.unitId !== user.unitId) patch.unitId = v.unitId;
  if (!sameSet(v.roles, user.roles)) patch.roles = v.roles;
  if (v.status !== user.status) patch.status = v.status;
  // Email and phone fields start empty when the server sent a masked value: empty means "keep".
  const email = (v.email ?? '').trim();
  if (isMasked(user.email)) {
    if (email !== '') patch.email = email;
  } else if (email !== '' && email !== user.email) {
    patch.email = email;
  }
  const phone = (v.phone ?? '').trim();
  if (phone !== '' && phone !== user.phone) patch.phone = phone;
  return patch;
}

type Props = {
  target: UserFormTarget | null;
  unitOptions: UnitTreeOption[];
  roleOptions: { value: string; label: string }[];
  onClose: () => void;
  onSaved: (user: User) => void;
};

export function UserFormDrawer({ target: openTarget, unitOptions, roleOptions, onClose, onSaved }: Props) {
  const target = useRetained(openTarget);
  const { t } = useT();
  const { message } = App.useApp();
  const showError = useShowError();
  const [form] = Form.useForm<Values>();
  const [user, setUser] = useState<User | null>(null);
  const [loading, setLoading] = useState(false);
  const [saving, setSaving] = useState(false);
  const [conflict, setConflict] = useState(false);
  const [generation, setGeneration] = useState(0);

  // Each opening starts clean; edit loads a fresh copy so that `version` is current.
  useEffect(() => {
    if (!openTarget) return;
    setConflict(false);
    setUser(null);
    form.resetFields();
    if (openTarget.mode !== 'edit') return;
    const editId = openTarget.id;
    let cancelled = false;
    setLoading(true);
    usersApi
      .get(editId)
      .then((fresh) => {
        if (cancelled) return;
        setUser(fresh);
        form.setFieldsValue({
          displayName: fresh.displayName,
          unitId: fresh.unitId,
          roles: fresh.roles,
          status: fresh.status,
          email: isMasked(fresh.email) ? '' : fresh.email ?? '',
          phone: '',
        });
      })
      .catch((err: unknown) => !cancelled && showError(err))
      .finally(() => !cancelled && setLoading(false));
    return () => {
      cancelled = true;
    };
    // Only a new opening or an explicit reload fetches; a language switch must not wipe the form.
  }, [openTarget, generation]);

  const submit = async (values: Values) => {
    setSaving(true);
    try {
      if (target?.mode === 'create') {
        const body: NewUser = {
          username: values.username.trim(),
          displayName: values.displayName.trim(),
          password: values.password,
          unitId: values.unitId,
          roles: values.roles ?? [],
          ...(values.email?.trim() ? { email: values.email.trim() } : {}),
          ...(values.phone?.trim() ? { phone: values.phone.trim() } : {}),
        };
        const created = await usersApi.create(body);
        void message.success(t('users.created', { name: created.displayName }));
        onSaved(created);
      } else if (user) {
        const saved = await usersApi.update(user.id, toPatch(user, values));
        void message.success(t('users.saved', { name: saved.displayName }));
        onSaved(saved);
      }
    } catch (err) {
      if (isApiError(err) && err.status === 409 && target?.mode === 'edit') setConflict(true);
      showError(err, {
        form,
        fields: target?.mode === 'create' ? createFields : editFields,
        byStatus: target?.mode === 'edit' ? { 409: t('users.conflict') } : {},
      });
    } finally {
      setSaving(false);
    }
  };

  const creating = target?.mode === 'create';
  const required = (field: string) => ({ required: true, whitespace: true, message: t('common.required', { field }) });
  const selectRequired = (field: string) => ({ required: true, message: t('common.selectRequired', { field }) });
  // The list and the single user come with the phone masked: the field starts empty and means "keep".
  const keepHint = (value: string | null | undefined, always: boolean) =>
    value && (always || isMasked(value)) ? t('users.keepHint', { value }) : undefined;

  return (
    <Drawer
      open={openTarget !== null}
      onClose={onClose}
      size={520}
      forceRender
      title={creating ? t('users.createTitle') : t('users.editTitle', { name: user?.displayName ?? '' })}
      footer={
        <Flex justify="flex-end" gap={8}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={saving} disabled={!creating && !user} onClick={() => form.submit()} data-testid="user-form-submit">
            {t('common.save')}
          </Button>
        </Flex>
      }
    >
      {conflict ? (
        <Alert type="warning" showIcon title={t('users.conflict')} style={{ marginBottom: 16 }}
          action={<Button size="small" onClick={() => setGeneration((n) => n + 1)}>{t('common.reload')}</Button>} />
      ) : null}
      {loading ? <Skeleton active /> : null}
      <Form<Values> form={form} layout="vertical" onFinish={submit} style={loading ? { display: 'none' } : undefined} initialValues={{ roles: [], status: 'active' }} data-testid="user-form">
        {creating ? (
          <Form.Item name="username" label={t('users.username')} rules={[required(t('users.username'))]}>
            <Input autoComplete="off" data-testid="user-form-username" />
          </Form.Item>
        ) : null}
        <Form.Item name="displayName" label={t('users.displayName')} rules={[required(t('users.displayName'))]}>
          <Input data-testid="user-form-displayName" />
        </Form.Item>
        {creating ? (
          <Form.Item name="password" label={t('users.password')} extra={t('users.passwordHint')} rules={[required(t('users.password'))]}>
            <Input.Password autoComplete="new-password" data-testid="user-form-password" />
          </Form.Item>
        ) : null}
        <Form.Item name="unitId" label={t('users.unit')} rules={[selectRequired(t('users.unit'))]}>
          <TreeSelect treeData={unitOptions} showSearch={{ treeNodeFilterProp: 'title' }} treeDefaultExpandAll data-testid="user-form-unit" />
        </Form.Item>
        <Form.Item name="roles" label={t('users.roles')}>
          <Select mode="multiple" options={roleOptions} showSearch={{ optionFilterProp: 'label' }} data-testid="user-form-roles" />
        </Form.Item>
        {!creating ? (
          <Form.Item name="status" label={t('users.status')}>
            <Radio.Group
              optionType="button"
              options={(['active', 'disabled'] as const).map((s) => ({ value: s, label: t(`status.${s}`) }))}
              data-testid="user-form-status"
            />
          </Form.Item>
        ) : null}
        <Form.Item name="email" label={t('users.email')} extra={keepHint(user?.email, false)} rules={[{ type: 'email', message: t('common.invalidEmail') }]}>
          <Input type="email" data-testid="user-form-email" />
        </Form.Item>
        <Form.Item name="phone" label={t('users.phone')} extra={keepHint(user?.phone, true)}>
          <Input inputMode="tel" data-testid="user-form-phone" />
        </Form.Item>
      </Form>
      {!creating && user ? <RelatedComplaintsCard staff={user.username} /> : null}
    </Drawer>
  );
}
