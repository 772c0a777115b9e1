import { Button, Card, Table, Tag, Typography, type TableProps } from 'antd';
import { useState, type HTMLAttributes } from 'react';
import { useSearchParams } from 'react-router';
import { processApi } from '../../api/process.api';
import { tasksApi, type Task } from '../../api/tasks.api';
import { useMe } from '../../auth/auth';
import { useT } from '../../i18n/i18n';
import { formatDateTime } from '../../shared/format';
import { PageHeader } from '../../shared/PageHeader';
import { useRequest } from '../../shared/use-request';
import { TaskDue } from './task-due';
import { TaskDrawer } from './TaskDrawer';

const defaultPageSize = 20;

/** 我的任务: tasks assigned to me and those I may claim (待办). */
export function TasksPage() {
  const { t } = useT();
  const { can } = useMe();
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number(params.get('page')) || 1);
  const size = Number(params.get('size')) || defaultPageSize;
  const [openId, setOpenId] = useState<string | null>(null);

  const list = useRequest((signal) => tasksApi.mine({ limit: size, offset: (page - 1) * size }, signal), [page, size]);
  const processes = useRequest((signal) => processApi.definitions({ latest: true }, signal), [], {
    silent: true,
    enabled: can('process.read'),
  });
  const processName = new Map((processes.data?.items ?? []).map((p) => [p.key, p.name ?? p.key]));
  // The drawer shows the listed task, so a reload after claiming updates it too.
  const open = list.data?.items.find((task) => task.id === openId) ?? null;

  const columns: TableProps<Task>['columns'] = [
    { key: 'name', title: t('task.name'), render: (_, task) => <Typography.Text strong>{task.name ?? task.elementId}</Typography.Text> },
    { key: 'process', title: t('task.process'), render: (_, task) => processName.get(task.processKey) ?? task.processKey },
    { key: 'businessKey', title: t('task.businessKey'), render: (_, task) => task.businessKey ?? '—' },
    {
      key: 'assignee',
      title: t('task.assignee'),
      render: (_, task) => task.assignee ?? <Tag color="orange">{t('task.unassigned')}</Tag>,
    },
    { key: 'dueAt', title: t('task.dueAt'), render: (_, task) => <TaskDue dueAt={task.dueAt} /> },
    { key: 'priority', title: t('task.priority'), render: (_, task) => task.priority ?? '—' },
    { key: 'createdAt', title: t('task.createdAt'), render: (_, task) => formatDateTime(task.createdAt) },
    {
      key: 'actions',
      title: t('common.actions'),
      render: (_, task) => (
        <Button type="link" size="small" onClick={(e) => { e.stopPropagation(); setOpenId(task.id); }}>
          {t('task.handle')}
        </Button>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('nav.tasks')}
        section="nav.work"
        extra={<Button onClick={list.reload}>{t('common.reload')}</Button>}
      />
      <Card>
        <Table<Task>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.loading}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('task.empty') }}
          onRow={(task) => ({
            onClick: () => setOpenId(task.id),
            style: { cursor: 'pointer' },
            'data-testid': `task-row-${task.elementId}`,
          } as HTMLAttributes<HTMLElement>)}
          data-testid="tasks-table"
          pagination={{
            current: page,
            pageSize: size,
            total: list.data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: [10, 20, 50, 100],
            showTotal: (total) => t('common.total', { total }),
            onChange: (nextPage, nextSize) =>
              setParams((prev) => {
                const next = new URLSearchParams(prev);
                next.set('page', String(nextSize === size ? nextPage : 1));
                next.set('size', String(nextSize));
                return next;
              }),
          }}
        />
      </Card>
      {open ? (
        <TaskDrawer
          key={open.id}
          task={open}
          onClose={() => setOpenId(null)}
          onChanged={(closed) => {
            if (closed) setOpenId(null);
            list.reload();
          }}
        />
      ) : null}
    </>
  );
}
