import { PlusOutlined, ReloadOutlined, SearchOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Input, Popconfirm, Select, Space, Switch, Table, Tag, Tooltip, Typography, type TableProps } from 'antd';
import { useMemo, useState } from 'react';
import { catalogApi, definitionOf, serviceCategories, type Service, type ServiceCategory } from '../../api/catalog.api';
import { isApiError } from '../../api/client';
import { useT } from '../../i18n/i18n';
import { useShowError } from '../../shared/api-errors';
import { formatDateTime } from '../../shared/format';
import { PageHeader } from '../../shared/PageHeader';
import { useRequest } from '../../shared/use-request';
import { ChannelTags, timeLimitText } from './service-display';
import { ServiceEditorDrawer, type EditorTarget } from './ServiceEditorDrawer';

/** 服务目录: the services the bank offers — what they need, cost and take; kept by operations. */
export function CatalogPage() {
  const { t, pick } = useT();
  const { message, modal } = App.useApp();
  const showError = useShowError();
  const list = useRequest((signal) => catalogApi.list(signal), []);
  const [editing, setEditing] = useState<EditorTarget | null>(null);
  const [query, setQuery] = useState('');
  const [category, setCategory] = useState<ServiceCategory | undefined>(undefined);
  const [switching, setSwitching] = useState<string | null>(null);

  const rows = useMemo(() => {
    const q = query.trim().toLowerCase();
    return (list.data ?? []).filter((s) =>
      (!category || s.category === category) &&
      (!q || s.code.includes(q) || s.nameZh.toLowerCase().includes(q) || s.nameEn.toLowerCase().includes(q)));
  }, [list.data, query, category]);

  /** 停办 / 恢复办理: a new version with the same definition and the other state. */
  const setActive = async (s: Service, active: boolean) => {
    setSwitching(s.code);
    try {
      await catalogApi.change(s.code, s.version, definitionOf(s), active);
      void message.success(t(active ? 'catalog.reinstated' : 'catalog.withdrawn', { name: pick(s) }));
      list.reload();
    } catch (err) {
      if (isApiError(err) && err.status === 409) {
        modal.warning({ title: t('catalog.conflictTitle'), content: t('catalog.conflict'), okText: t('common.reload'), onOk: list.reload });
      } else {
        showError(err);
      }
    } finally {
      setSwitching(null);
    }
  };

  const columns: TableProps<Service>['columns'] = [
    {
      key: 'name',
      title: t('catalog.name'),
      render: (_, s) => (
        <Flex vertical>
          <Typography.Text strong>{pick(s)}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12, fontFamily: 'monospace' }}>{s.code}</Typography.Text>
          {s.branches.length > 0 ? (
            <Typography.Text type="warning" style={{ fontSize: 12 }}>{t('catalog.onlyAt', { branches: s.branches.join(', ') })}</Typography.Text>
          ) : null}
        </Flex>
      ),
    },
    { key: 'category', title: t('catalog.category'), render: (_, s) => <Tag>{t(`svc.category.${s.category}`)}</Tag> },
    { key: 'customerType', title: t('catalog.customerType'), render: (_, s) => t(`svc.customerType.${s.customerType}`) },
    { key: 'channels', title: t('svc.channels'), render: (_, s) => <ChannelTags channels={s.channels} t={t} short /> },
    { key: 'timeLimit', title: t('svc.timeLimit'), render: (_, s) => timeLimitText(t, s.timeLimit) },
    {
      key: 'process',
      title: t('catalog.processKey'),
      render: (_, s) => (s.processKey ? <Typography.Text code ellipsis={{ tooltip: s.processKey }} style={{ maxWidth: 150 }}>{s.processKey}</Typography.Text> : <Typography.Text type="secondary">{t('catalog.atCounterShort')}</Typography.Text>),
    },
    {
      key: 'version',
      title: t('catalog.version'),
      render: (_, s) => (
        <Tooltip title={t('catalog.updatedAtValue', { at: formatDateTime(s.updatedAt) })}>
          <span>{t('catalog.versionN', { n: s.version })}</span>
        </Tooltip>
      ),
    },
    {
      key: 'active',
      title: t('catalog.active'),
      render: (_, s) => (
        <Popconfirm
          title={t(s.active ? 'catalog.withdrawConfirm' : 'catalog.reinstateConfirm', { name: pick(s) })}
          description={s.active ? t('catalog.withdrawHint') : undefined}
          okText={t('common.ok')}
          cancelText={t('common.cancel')}
          onConfirm={() => setActive(s, !s.active)}
        >
          <Space size={6}>
            <Switch size="small" checked={s.active} loading={switching === s.code} data-testid={`catalog-active-${s.code}`} />
            {s.active ? null : <Tag>{t('catalog.withdrawnTag')}</Tag>}
          </Space>
        </Popconfirm>
      ),
    },
    {
      key: 'actions',
      title: t('common.actions'),
      fixed: 'right',
      render: (_, s) => (
        <Button type="link" size="small" onClick={() => setEditing({ mode: 'edit', code: s.code })} data-testid={`catalog-edit-${s.code}`}>
          {t('common.edit')}
        </Button>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('nav.catalog')}
        section="nav.admin"
        extra={
          <Space>
            <Button icon={<ReloadOutlined />} onClick={list.reload}>{t('common.reload')}</Button>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ mode: 'create' })} data-testid="catalog-create">{t('catalog.create')}</Button>
          </Space>
        }
      />
      <Card>
        <Flex gap={8} wrap style={{ marginBottom: 16 }}>
          <Input prefix={<SearchOutlined />} allowClear value={query} onChange={(e) => setQuery(e.target.value)} placeholder={t('catalog.search')} style={{ width: 280 }} data-testid="catalog-search" />
          <Select
            value={category}
            allowClear
            placeholder={t('catalog.allCategories')}
            options={serviceCategories.map((c) => ({ value: c, label: t(`svc.category.${c}`) }))}
            onChange={(c?: ServiceCategory) => setCategory(c)}
            style={{ width: 160 }}
          />
        </Flex>
        <Table<Service>
          rowKey="code"
          size="small"
          columns={columns}
          dataSource={rows}
          loading={list.loading}
          scroll={{ x: 'max-content' }}
          pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (total) => t('common.total', { total }) }}
          onRow={(s) => ({ style: s.active ? undefined : { color: '#8c8c8c', background: '#fafafa' } })}
          data-testid="catalog-table"
        />
      </Card>
      <ServiceEditorDrawer
        target={editing}
        onClose={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          list.reload();
        }}
      />
    </>
  );
}
