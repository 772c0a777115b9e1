import { PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Input, Popconfirm, Space, Table, Tag, Typography, type TableProps } from 'antd';
import { useMemo, useState, type Key } from 'react';
import { calendarApi } from '../../api/calendar.api';
import { unitsApi, type Unit } from '../../api/org.api';
import { useMe } from '../../auth/auth';
import { useT } from '../../i18n/i18n';
import { useShowError } from '../../shared/api-errors';
import { PageHeader } from '../../shared/PageHeader';
import { buildUnitTree, parentIds, type UnitNode } from '../../shared/unit-tree';
import { useRequest } from '../../shared/use-request';
import { UnitFormModal, type UnitFormTarget } from './UnitFormModal';

/** Keeps the nodes matching `text` and the path down to them. */
function filterTree(nodes: UnitNode[], text: string, nameOf: (u: Unit) => string): UnitNode[] {
  if (!text) return nodes;
  const needle = text.toLowerCase();
  return nodes.flatMap((node) => {
    const children = node.children ? filterTree(node.children, text, nameOf) : [];
    const hit = [node.code, node.nameZh, node.nameEn, nameOf(node)].some((s) => s.toLowerCase().includes(needle));
    if (!hit && children.length === 0) return [];
    return [{ ...node, children: children.length > 0 ? children : undefined }];
  });
}

export function UnitsPage() {
  const { t, pick } = useT();
  const { can } = useMe();
  const { message } = App.useApp();
  const showError = useShowError();
  const canWrite = can('org.unit.write');
  const units = useRequest((signal) => unitsApi.list(signal), []);
  const calendars = useRequest((signal) => calendarApi.regions(signal), [], { silent: true, enabled: canWrite && can('calendar.read') });
  const [search, setSearch] = useState('');
  const [expanded, setExpanded] = useState<readonly Key[] | null>(null);
  const [target, setTarget] = useState<UnitFormTarget | null>(null);

  const list = units.data ?? [];
  const tree = useMemo(() => filterTree(buildUnitTree(list), search.trim(), pick), [list, search, pick]);
  const allParents = useMemo(() => parentIds(list), [list]);
  // Everything is open until the user folds something; a search always shows its hits.
  const expandedKeys = search.trim() ? allParents : expanded ?? allParents;

  const setActive = async (unit: Unit, active: boolean) => {
    try {
      await unitsApi.update(unit.id, { active });
      void message.success(t('units.saved', { name: pick(unit) }));
      units.reload();
    } catch (err) {
      showError(err);
    }
  };

  const columns: TableProps<UnitNode>['columns'] = [
    {
      key: 'name',
      title: t('units.name'),
      render: (_, u) => <Typography.Text strong={u.kind === 'head_office'} delete={!u.active}>{pick(u)}</Typography.Text>,
    },
    { key: 'code', title: t('units.code'), dataIndex: 'code', width: 120 },
    { key: 'kind', title: t('units.kind'), width: 110, render: (_, u) => <Tag>{t(`kind.${u.kind}`)}</Tag> },
    { key: 'region', title: t('units.region'), dataIndex: 'region', width: 140 },
    {
      key: 'status',
      title: t('units.status'),
      width: 100,
      render: (_, u) => <Tag color={u.active ? 'green' : 'default'}>{u.active ? t('units.active') : t('units.inactive')}</Tag>,
    },
    ...(canWrite
      ? [{
          key: 'actions',
          title: t('common.actions'),
          width: 260,
          render: (_: unknown, u: UnitNode) => (
            <Space size={0}>
              <Button type="link" size="small" disabled={!u.active} onClick={() => setTarget({ mode: 'create', parent: u })} data-testid={`unit-add-${u.code}`}>
                {t('units.addChild')}
              </Button>
              <Button type="link" size="small" onClick={() => setTarget({ mode: 'edit', unit: u })} data-testid={`unit-edit-${u.code}`}>
                {t('common.edit')}
              </Button>
              <Popconfirm
                title={t(u.active ? 'units.deactivateConfirm' : 'units.activateConfirm', { name: pick(u) })}
                okText={t('common.ok')}
                cancelText={t('common.cancel')}
                onConfirm={() => setActive(u, !u.active)}
              >
                <Button type="link" size="small" danger={u.active} data-testid={`unit-toggle-${u.code}`}>
                  {u.active ? t('units.deactivate') : t('units.activate')}
                </Button>
              </Popconfirm>
            </Space>
          ),
        }]
      : []),
  ];

  return (
    <>
      <PageHeader
        title={t('nav.units')}
        section="nav.admin"
        extra={canWrite && !units.loading && list.length === 0 ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setTarget({ mode: 'create', parent: null })} data-testid="unit-create-root">
            {t('units.createRoot')}
          </Button>
        ) : null}
      />
      <Card>
        <Flex gap={8} wrap style={{ marginBottom: 16 }}>
          <Input
            prefix={<SearchOutlined />}
            placeholder={t('units.search')}
            allowClear
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            style={{ width: 280 }}
            data-testid="units-search"
          />
          <Button onClick={() => setExpanded(allParents)}>{t('units.expandAll')}</Button>
          <Button onClick={() => setExpanded([])}>{t('units.collapseAll')}</Button>
        </Flex>
        <Table<UnitNode>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={tree}
          loading={units.loading}
          pagination={false}
          expandable={{ expandedRowKeys: expandedKeys, onExpandedRowsChange: (keys) => setExpanded(keys) }}
          data-testid="units-table"
        />
      </Card>
      <UnitFormModal
        target={target}
        regions={(calendars.data ?? []).map((c) => c.region)}
        onClose={() => setTarget(null)}
        onSaved={() => {
          setTarget(null);
          units.reload();
        }}
      />
    </>
  );
}
