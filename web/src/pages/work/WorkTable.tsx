import { Button, Flex, Space, Table, Tag, Typography, type TableProps } from 'antd';
import type { HTMLAttributes } from 'react';
import { Link } from 'react-router';
import type { WorkItem, WorkView } from '../../api/work.api';
import { useT } from '../../i18n/i18n';
import { SlaTag, StepDue, workCaseSla } from '../cases/case-display';
import { formatMinute } from '../catalog/service-display';
import { PriorityTag, StepTags, useRoleLabel } from './step-tags';

type Props = {
  view: WorkView;
  items: WorkItem[];
  total: number;
  loading: boolean;
  page: number;
  pageSize: number;
  onPage: (page: number, pageSize: number) => void;
  onOpen: (item: WorkItem) => void;
  qualificationName: (code: string) => string;
  emptyText: string;
  testId: string;
};

/** A worklist: the step, its case and customer, how urgent it is, and when it is due. */
export function WorkTable({ view, items, total, loading, page, pageSize, onPage, onOpen, qualificationName, emptyText, testId }: Props) {
  const { t, pick } = useT();
  const roleLabel = useRoleLabel();

  const columns: TableProps<WorkItem>['columns'] = [
    {
      key: 'step',
      title: t('work.step'),
      render: (_, w) => (
        <Flex vertical gap={2}>
          <Typography.Text strong>{w.label ?? w.name ?? w.elementId}</Typography.Text>
          {w.pool || w.qualification ? (
            <span><StepTags pool={w.pool} qualification={w.qualification} qualificationName={qualificationName} /></span>
          ) : null}
        </Flex>
      ),
    },
    {
      key: 'ref',
      title: t('case.ref'),
      render: (_, w) =>
        w.case ? (
          <Link to={`/cases/${encodeURIComponent(w.case.id)}`} onClick={(e) => e.stopPropagation()} style={{ fontFamily: 'monospace' }}>
            {w.case.ref}
          </Link>
        ) : (
          <Typography.Text type="secondary">{w.businessKey ?? '—'}</Typography.Text>
        ),
    },
    {
      key: 'service',
      title: t('case.service'),
      render: (_, w) => (w.case ? pick({ nameZh: w.case.serviceNameZh, nameEn: w.case.serviceNameEn }) : <Typography.Text type="secondary">{w.processKey}</Typography.Text>),
    },
    { key: 'customer', title: t('case.customer'), render: (_, w) => w.case?.customer ?? '—' },
    { key: 'priority', title: t('work.priority'), render: (_, w) => <PriorityTag priority={w.priority} /> },
    {
      key: 'caseDue',
      title: t('work.caseDue'),
      render: (_, w) => {
        const state = workCaseSla(w.case);
        return w.case?.dueAt ? (
          <Space size={6}>
            <SlaTag state={state} />
            <Typography.Text type={state === 'breached' ? 'danger' : undefined}>{formatMinute(w.case.dueAt)}</Typography.Text>
          </Space>
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        );
      },
    },
    { key: 'stepDue', title: t('work.stepDue'), render: (_, w) => <StepDue dueAt={w.dueAt} /> },
    ...(view === 'available'
      ? [{
          key: 'candidates',
          title: t('work.candidates'),
          render: (_: unknown, w: WorkItem) => w.candidateGroups.map((g) => <Tag key={g}>{roleLabel(g)}</Tag>),
        }]
      : []),
    { key: 'arrived', title: t('work.arrived'), render: (_, w) => formatMinute(w.createdAt) },
    {
      key: 'actions',
      title: t('common.actions'),
      fixed: 'right',
      render: (_, w) => (
        <Button type="link" size="small" onClick={(e) => { e.stopPropagation(); onOpen(w); }}>
          {t('work.handle')}
        </Button>
      ),
    },
  ];

  return (
    <Table<WorkItem>
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={items}
      loading={loading}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText }}
      onRow={(w) => ({
        onClick: () => onOpen(w),
        style: { cursor: 'pointer' },
        'data-testid': `work-row-${w.id}`,
      } as HTMLAttributes<HTMLElement>)}
      data-testid={testId}
      pagination={{
        current: page,
        pageSize,
        total,
        showSizeChanger: true,
        pageSizeOptions: [10, 20, 50],
        showTotal: (n) => t('common.total', { total: n }),
        onChange: onPage,
      }}
    />
  );
}
