import { EyeOutlined, KeyOutlined, PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Input, Select, Space, Table, Tag, Tooltip, TreeSelect, Typography, type TableProps } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useUrlFilters } from '../../shared/use-url-filters';
import { usersApi, type User, type UserStatus } from '../../api/users.api';
import { useMe } from '../../auth/auth';
import { useT } from '../../i18n/i18n';
import { formatDateTime } from '../../shared/format';
import { PageHeader } from '../../shared/PageHeader';
import { useRoleCatalog, useUnitCatalog } from '../../shared/reference';
import { unitTreeOptions } from '../../shared/unit-tree';
import { useRequest } from '../../shared/use-request';
import { ResetPasswordModal } from './ResetPasswordModal';
import { RevealPhoneModal } from './RevealPhoneModal';
import { UserFormDrawer, type UserFormTarget } from './UserFormDrawer';

const statuses: readonly UserStatus[] = ['active', 'disabled'];

function useUserFilters() {
  const { params, page, size, update } = useUrlFilters<'q' | 'unitId' | 'role' | 'status'>();
  const status = params.get('status');
  const filters = {
    q: params.get('q') ?? '',
    unitId: params.get('unitId') ?? undefined,
    role: params.get('role') ?? undefined,
    status: statuses.find((s) => s === status),
    page,
    size,
  };
  return { filters, update };
}

export function UsersPage() {
  const { t, pick } = useT();
  const { can } = useMe();
  const { filters, update } = useUserFilters();
  const units = useUnitCatalog();
  const roles = useRoleCatalog();
  const [editing, setEditing] = useState<UserFormTarget | null>(null);
  const [resetting, setResetting] = useState<User | null>(null);
  const [revealing, setRevealing] = useState<User | null>(null);
  const canWrite = can('org.user.write');
  const canReveal = can('pii.reveal');
  const [q, setQ] = useState(filters.q);
  useEffect(() => setQ(filters.q), [filters.q]);

  const list = useRequest(
    (signal) =>
      usersApi.list(
        {
          q: filters.q || undefined,
          unitId: filters.unitId,
          role: filters.role,
          status: filters.status,
          limit: filters.size,
          offset: (filters.page - 1) * filters.size,
        },
        signal,
      ),
    [filters.q, filters.unitId, filters.role, filters.status, filters.page, filters.size],
  );

  const unitOptions = useMemo(() => unitTreeOptions(units.items, pick), [units.items, pick]);
  const roleOptions = useMemo(() => roles.items.map((r) => ({ value: r.key, label: pick(r) })), [roles.items, pick]);

  const columns: TableProps<User>['columns'] = [
    { key: 'username', title: t('users.username'), dataIndex: 'username', render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
    { key: 'displayName', title: t('users.displayName'), dataIndex: 'displayName' },
    { key: 'unit', title: t('users.unit'), render: (_, u) => pick({ nameZh: u.unitNameZh, nameEn: u.unitNameEn }) },
    {
      key: 'roles',
      title: t('users.roles'),
      render: (_, u) => u.roles.map((r) => <Tag key={r} color="blue">{roles.nameOf(r)}</Tag>),
    },
    {
      key: 'phone',
      title: t('users.phone'),
      render: (_, u) =>
        u.phone ? (
          <Space size={4}>
            <span>{u.phone}</span>
            {canReveal ? (
              <Tooltip title={t('users.reveal')}>
                <Button size="small" type="text" icon={<EyeOutlined />} aria-label={t('users.reveal')}
                  onClick={() => setRevealing(u)} data-testid={`user-reveal-${u.username}`} />
              </Tooltip>
            ) : null}
          </Space>
        ) : null,
    },
    {
      key: 'status',
      title: t('users.status'),
      render: (_, u) => <Tag color={u.status === 'active' ? 'green' : 'default'}>{t(`status.${u.status}`)}</Tag>,
    },
    {
      key: 'lastLogin',
      title: t('users.lastLogin'),
      render: (_, u) => (u.lastLoginAt ? formatDateTime(u.lastLoginAt) : <Typography.Text type="secondary">{t('users.never')}</Typography.Text>),
    },
    ...(canWrite
      ? [{
          key: 'actions',
          title: t('common.actions'),
          render: (_: unknown, u: User) => (
            <Space size={0}>
              <Button type="link" size="small" onClick={() => setEditing({ mode: 'edit', id: u.id })} data-testid={`user-edit-${u.username}`}>
                {t('common.edit')}
              </Button>
              <Button type="link" size="small" icon={<KeyOutlined />} onClick={() => setResetting(u)} data-testid={`user-reset-${u.username}`}>
                {t('users.resetPassword')}
              </Button>
            </Space>
          ),
        }]
      : []),
  ];

  return (
    <>
      <PageHeader
        title={t('nav.users')}
        section="nav.admin"
        extra={canWrite ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ mode: 'create' })} data-testid="user-create">
            {t('users.create')}
          </Button>
        ) : null}
      />
      <Card>
        <Flex gap={8} wrap style={{ marginBottom: 16 }}>
          <Space.Compact style={{ width: 320 }}>
            <Input
              value={q}
              placeholder={t('users.search')}
              allowClear
              onChange={(e) => {
                setQ(e.target.value);
                if (e.target.value === '') update({ q: undefined }); // the clear icon searches at once
              }}
              onPressEnter={() => update({ q: q.trim() })}
              data-testid="users-search"
            />
            <Button type="primary" icon={<SearchOutlined />} onClick={() => update({ q: q.trim() })} data-testid="users-search-submit">
              {t('common.search')}
            </Button>
          </Space.Compact>
          <TreeSelect
            value={filters.unitId}
            treeData={unitOptions}
            placeholder={t('users.allUnits')}
            allowClear
            showSearch={{ treeNodeFilterProp: 'title' }}
            treeDefaultExpandAll
            onChange={(unitId?: string) => update({ unitId })}
            style={{ width: 240 }}
            data-testid="users-filter-unit"
          />
          <Select
            value={filters.role}
            options={roleOptions}
            placeholder={t('users.allRoles')}
            allowClear
            onChange={(role?: string) => update({ role })}
            style={{ width: 180 }}
            data-testid="users-filter-role"
          />
          <Select
            value={filters.status}
            options={statuses.map((s) => ({ value: s, label: t(`status.${s}`) }))}
            placeholder={t('users.allStatuses')}
            allowClear
            onChange={(status?: UserStatus) => update({ status })}
            style={{ width: 140 }}
            data-testid="users-filter-status"
          />
        </Flex>
        <Table<User>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.loading}
          scroll={{ x: 'max-content' }}
          data-testid="users-table"
          pagination={{
            current: filters.page,
            pageSize: filters.size,
            total: list.data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: [10, 20, 50, 100],
            showTotal: (total) => t('common.total', { total }),
            onChange: (page, size) => update({ page: size === filters.size ? page : 1, size }),
          }}
        />
      </Card>
      <UserFormDrawer
        target={editing}
        unitOptions={unitOptions}
        roleOptions={roleOptions}
        onClose={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          list.reload();
        }}
      />
      <ResetPasswordModal user={resetting} onClose={() => setResetting(null)} />
      <RevealPhoneModal user={revealing} onClose={() => setRevealing(null)} />
    </>
  );
}
