import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Space, Table, Typography, type TableProps } from 'antd';
import type { HTMLAttributes } from 'react';
import { useNavigate } from 'react-router';
import { useMe } from '../../auth/auth';
import { useT } from '../../i18n/i18n';
import { PageHeader } from '../../shared/PageHeader';
import { useRequest } from '../../shared/use-request';
import { complaintsApi, type ComplaintListItem } from '../complaints.api';
import { useComplaintSetup } from '../use-complaint-setup';
import { useBoardColumns } from './board-columns';
import { BoardFilterBar } from './BoardFilterBar';
import { useBoardFilters } from './use-board-filters';

type Sorter = Parameters<NonNullable<TableProps<ComplaintListItem>['onChange']>>[2];

/** 投诉处理 (`/complaints`, `complaint.read`): every complaint in reach with its clock, the most urgent first. */
export function ComplaintsBoardPage() {
  const { t, lang } = useT();
  const { can } = useMe();
  const navigate = useNavigate();
  const setup = useComplaintSetup();
  const { filters, query, update } = useBoardFilters();
  const list = useRequest((signal) => complaintsApi.list(query, signal), [JSON.stringify(query), lang]);
  const items = list.data?.items ?? [];
  const multiBranch = new Set(items.map((c) => c.unitId)).size > 1;
  const columns = useBoardColumns(filters.sort, setup, multiBranch);

  const onSort = (sorter: Sorter) => {
    const one = Array.isArray(sorter) ? sorter[0] : sorter;
    if (one?.columnKey === 'received' && one.order) update({ sort: one.order === 'ascend' ? 'received' : '-received' });
    else update({ sort: undefined });
  };

  return (
    <>
      <PageHeader
        title={t('nav.complaintsBoard')}
        section="nav.complaints"
        extra={
          <Space>
            <Button icon={<ReloadOutlined />} onClick={list.reload}>{t('common.reload')}</Button>
            {can('complaint.intake') ? (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/complaints/new')} data-testid="complaint-new">
                {t('complaints.register')}
              </Button>
            ) : null}
          </Space>
        }
      />
      <Card>
        <BoardFilterBar filters={filters} update={update} setup={setup} />
        <Table<ComplaintListItem>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={items}
          loading={list.loading}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('complaints.empty') }}
          onRow={(c) => ({ onClick: () => navigate(`/complaints/${encodeURIComponent(c.id)}`), style: { cursor: 'pointer' }, 'data-testid': `complaint-row-${c.ref}` } as HTMLAttributes<HTMLElement>)}
          onChange={(_pagination, _filters, sorter, extra) => {
            if (extra.action === 'sort') onSort(sorter);
          }}
          data-testid="complaints-table"
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
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: '8px 0 0' }}>{t('complaints.clockHint')}</Typography.Paragraph>
      </Card>
    </>
  );
}
