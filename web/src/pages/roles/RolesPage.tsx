import { LockOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Table, Tag, Tooltip, Typography, type TableProps } from 'antd';
import { useState } from 'react';
import { rolesApi, type Role } from '../../api/org.api';
import { useMe } from '../../auth/auth';
import { useT } from '../../i18n/i18n';
import { PageHeader } from '../../shared/PageHeader';
import { usePermissionCatalog } from '../../shared/reference';
import { useRequest } from '../../shared/use-request';
import { RoleEditorModal, type RoleEditorTarget } from './RoleEditorModal';

export function RolesPage() {
  const { t, pick } = useT();
  const { can } = useMe();
  const canWrite = can('org.role.write');
  const roles = useRequest((signal) => rolesApi.list(signal), []);
  const permissions = usePermissionCatalog();
  const [target, setTarget] = useState<RoleEditorTarget | null>(null);

  const columns: TableProps<Role>['columns'] = [
    {
      key: 'name',
      title: t('roles.name'),
      width: 200,
      render: (_, r) => (
        <Flex vertical>
          <Typography.Text strong>{pick(r)}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.key}</Typography.Text>
        </Flex>
      ),
    },
    {
      key: 'scope',
      title: t('roles.scope'),
      width: 150,
      render: (_, r) => <Tag color={r.scope === 'global' ? 'geekblue' : 'cyan'}>{t(`scope.${r.scope}`)}</Tag>,
    },
    {
      key: 'permissions',
      title: t('roles.permissions'),
      render: (_, r) => (
        <Flex wrap gap={4}>
          {r.permissions.map((p) => <Tag key={p} title={p} style={{ marginInlineEnd: 0 }}>{permissions.nameOf(p)}</Tag>)}
        </Flex>
      ),
    },
    {
      key: 'builtin',
      width: 90,
      render: (_, r) => (r.builtin ? <Tag icon={<LockOutlined />}>{t('roles.builtin')}</Tag> : null),
    },
    {
      key: 'actions',
      title: t('common.actions'),
      width: 100,
      render: (_, r) =>
        canWrite && !r.builtin ? (
          <Button type="link" size="small" onClick={() => setTarget({ mode: 'edit', role: r })} data-testid={`role-edit-${r.key}`}>
            {t('common.edit')}
          </Button>
        ) : (
          <Tooltip title={r.builtin && canWrite ? t('roles.builtinLocked') : undefined}>
            <Button type="link" size="small" onClick={() => setTarget({ mode: 'view', role: r })} data-testid={`role-view-${r.key}`}>
              {t('roles.view')}
            </Button>
          </Tooltip>
        ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('nav.roles')}
        section="nav.admin"
        extra={canWrite ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setTarget({ mode: 'create' })} data-testid="role-create">
            {t('roles.create')}
          </Button>
        ) : null}
      />
      <Card>
        <Table<Role>
          rowKey="key"
          size="small"
          columns={columns}
          dataSource={roles.data ?? []}
          loading={roles.loading}
          pagination={false}
          data-testid="roles-table"
        />
      </Card>
      <RoleEditorModal
        target={target}
        permissions={permissions.items}
        onClose={() => setTarget(null)}
        onSaved={() => {
          setTarget(null);
          roles.reload();
        }}
      />
    </>
  );
}
