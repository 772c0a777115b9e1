import { ReloadOutlined, SwapOutlined, ThunderboltOutlined } from '@ant-design/icons';
import { App, Badge, Button, Card, Space, Tabs } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { workApi, type WorkItem, type WorkView } from '../../api/work.api';
import { useMe } from '../../auth/auth';
import { useT } from '../../i18n/i18n';
import { useShowError } from '../../shared/api-errors';
import { PageHeader } from '../../shared/PageHeader';
import { useRequest } from '../../shared/use-request';
import { ReassignModal } from './ReassignModal';
import { useQualificationNames } from './step-tags';
import { WorkDrawer } from './WorkDrawer';
import { WorkTable } from './WorkTable';

const defaultPageSize = 20;

function useWorklist(view: WorkView, lang: string) {
  const [paging, setPaging] = useState({ page: 1, size: defaultPageSize });
  const list = useRequest(
    (signal) => workApi.list({ view, limit: paging.size, offset: (paging.page - 1) * paging.size }, signal),
    [view, paging.page, paging.size, lang],
  );
  const onPage = (page: number, size: number) => setPaging({ page: size === paging.size ? page : 1, size });
  return { ...list, paging, onPage };
}

/** 我的工作: my tasks, the tasks I may take, and "get next work" for the most urgent one. */
export function WorkPage() {
  const { t, lang } = useT();
  const { can } = useMe();
  const { message } = App.useApp();
  const showError = useShowError();
  const [params, setParams] = useSearchParams();
  const view: WorkView = params.get('view') === 'available' ? 'available' : 'mine';
  const qualificationName = useQualificationNames();
  const mine = useWorklist('mine', lang);
  const available = useWorklist('available', lang);
  const [open, setOpen] = useState<WorkItem | null>(null);
  const [fetching, setFetching] = useState(false);
  const [reassigning, setReassigning] = useState(false);

  const reload = () => {
    mine.reload();
    available.reload();
  };

  const setView = (next: string) =>
    setParams((prev) => {
      const p = new URLSearchParams(prev);
      if (next === 'mine') p.delete('view');
      else p.set('view', next);
      return p;
    });

  const getNext = async () => {
    setFetching(true);
    try {
      const item = await workApi.next();
      if (!item) {
        void message.info({ content: t('work.nothingWaiting'), duration: 4 });
        return;
      }
      setView('mine');
      setOpen(item);
      reload();
    } catch (err) {
      showError(err);
    } finally {
      setFetching(false);
    }
  };

  const tabLabel = (key: WorkView, count: number | undefined) => (
    <span data-testid={`work-tab-${key}`}>
      {t(`work.tab.${key}`)}
      <Badge count={count ?? 0} showZero overflowCount={999} color={key === 'mine' ? '#1d5fbf' : '#8c8c8c'} size="small" style={{ marginInlineStart: 8 }} />
    </span>
  );

  const table = (key: WorkView, list: ReturnType<typeof useWorklist>) => (
    <WorkTable
      view={key}
      items={list.data?.items ?? []}
      total={list.data?.total ?? 0}
      loading={list.loading}
      page={list.paging.page}
      pageSize={list.paging.size}
      onPage={list.onPage}
      onOpen={setOpen}
      qualificationName={qualificationName}
      emptyText={t(`work.empty.${key}`)}
      testId={`work-table-${key}`}
    />
  );

  return (
    <>
      <PageHeader
        title={t('nav.myWork')}
        section="nav.work"
        extra={
          <Space>
            {can('task.reassign') ? (
              <Button icon={<SwapOutlined />} onClick={() => setReassigning(true)} data-testid="work-reassign">{t('work.reassign')}</Button>
            ) : null}
            <Button icon={<ReloadOutlined />} onClick={reload}>{t('common.reload')}</Button>
            <Button type="primary" size="large" icon={<ThunderboltOutlined />} loading={fetching} onClick={() => void getNext()} data-testid="work-next">
              {t('work.next')}
            </Button>
          </Space>
        }
      />
      <Card styles={{ body: { paddingTop: 4 } }}>
        <Tabs
          activeKey={view}
          onChange={setView}
          items={[
            { key: 'mine', label: tabLabel('mine', mine.data?.total), children: table('mine', mine) },
            { key: 'available', label: tabLabel('available', available.data?.total), children: table('available', available) },
          ]}
        />
      </Card>
      {open ? (
        <WorkDrawer
          key={open.id}
          item={open}
          onClose={() => setOpen(null)}
          onChanged={(closed) => {
            if (closed) setOpen(null);
            reload();
          }}
        />
      ) : null}
      <ReassignModal
        open={reassigning}
        onClose={() => setReassigning(false)}
        onDone={() => {
          setReassigning(false);
          reload();
        }}
      />
    </>
  );
}
