import { ArrowRightOutlined, ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Col, Flex, Row, Select, Table, Tabs, Tag, Typography, type TableProps } from 'antd';
import type { HTMLAttributes, ReactNode } from 'react';
import { Link } from 'react-router';
import { useT } from '../../i18n/i18n';
import { StepDue } from '../../pages/cases/case-display';
import { formatMinute } from '../../pages/catalog/service-display';
import { PageHeader } from '../../shared/PageHeader';
import { SearchInput } from '../../shared/SearchInput';
import { useRequest } from '../../shared/use-request';
import { useUrlFilters } from '../../shared/use-url-filters';
import { MerchantStatusTag, RatingTag } from '../merchant-display';
import { REVIEW_STATUSES, serviceApi, type InspectionStep, type OverdueReview, type Review, type ReviewStatus } from '../service.api';
import { OverdueReasonTag, ReviewStatusTag } from './review-display';
import { ReviewSettingsCard } from './ReviewSettingsCard';
import { ReviewStepButton } from './ReviewStepButton';

type FilterKey = 'tab' | 'status' | 'merchant';

/**
 * 定期复查 (`/merchants/reviews`, `merchant.read`): the overdue report — the longest overdue
 * first — and every review with a status filter (`?tab=all&status=&merchant=`); a running
 * review's inspection opens in My work's drawer. Beside them the months between reviews by rating.
 */
export function ReviewsPage() {
  const { t, lang } = useT();
  const { params, page, size, update, pagination } = useUrlFilters<FilterKey>();
  const tab = params.get('tab') === 'all' ? 'all' : 'overdue';
  const status = REVIEW_STATUSES.find((s) => s === params.get('status'));
  const merchant = params.get('merchant') ?? '';
  const offset = (page - 1) * size;
  const overdue = useRequest((signal) => serviceApi.overdueReviews({ limit: size, offset }, signal), [page, size, lang, tab], { enabled: tab === 'overdue' });
  const all = useRequest((signal) => serviceApi.reviews({ status, merchant: merchant || undefined, limit: size, offset }, signal), [status, merchant, page, size, lang, tab], { enabled: tab === 'all' });
  const reload = tab === 'overdue' ? overdue.reload : all.reload;

  const step = (inspection: InspectionStep | null, code: string, onChanged: () => void): ReactNode =>
    inspection ? (
      <Flex vertical gap={2} style={{ whiteSpace: 'nowrap' }}>
        <Flex gap={6} align="center">
          <Typography.Text>{t('mch.review.inspection')}</Typography.Text>
          {inspection.assignee ? <Tag color="blue" style={{ marginInlineEnd: 0 }}>{inspection.assignee}</Tag> : <Tag style={{ marginInlineEnd: 0 }}>{t('mch.review.unclaimed')}</Tag>}
        </Flex>
        <StepDue dueAt={inspection.dueAt} />
        <span><ReviewStepButton taskId={inspection.taskId} onChanged={onChanged} testId={`review-step-${code}`} /></span>
      </Flex>
    ) : (
      <Typography.Text type="secondary">—</Typography.Text>
    );

  const merchantColumn = <T extends { merchant: OverdueReview['merchant'] | Review['merchant'] }>(): NonNullable<TableProps<T>['columns']>[number] => ({
    key: 'merchant',
    title: t('mch.review.merchant'),
    fixed: 'left',
    render: (_, r) => (
      <Flex vertical style={{ maxWidth: 240 }}>
        <Link to={`/merchants/${encodeURIComponent(r.merchant.code)}`} style={{ fontFamily: 'monospace' }}>{r.merchant.code}</Link>
        <Typography.Text ellipsis={{ tooltip: r.merchant.name }}>{r.merchant.name}</Typography.Text>
        <Flex gap={4} align="center"><MerchantStatusTag status={r.merchant.status} /><Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.merchant.unitCode}</Typography.Text></Flex>
      </Flex>
    ),
  });

  const overdueColumns: TableProps<OverdueReview>['columns'] = [
    merchantColumn<OverdueReview>(),
    { key: 'rating', title: t('mch.review.rating'), render: (_, r) => <RatingTag rating={r.merchant.riskRating} /> },
    { key: 'reason', title: t('mch.review.reason'), render: (_, r) => <OverdueReasonTag reason={r.reason} testId={`review-reason-${r.merchant.code}`} /> },
    { key: 'due', title: t('mch.review.overdueSince'), render: (_, r) => <span style={{ whiteSpace: 'nowrap' }}>{r.dueOn}</span> },
    {
      key: 'days',
      title: t('mch.review.daysOverdue'),
      align: 'right',
      render: (_, r) => <Typography.Text type="danger" strong style={{ whiteSpace: 'nowrap' }} data-testid={`review-days-${r.merchant.code}`}>{t('mch.review.days', { n: r.daysOverdue })}</Typography.Text>,
    },
    { key: 'step', title: t('mch.review.step'), render: (_, r) => (r.inspection ? step(r.inspection, r.merchant.code, overdue.reload) : <Typography.Text type="secondary">{t('mch.review.notStartedHint')}</Typography.Text>) },
  ];

  const allColumns: TableProps<Review>['columns'] = [
    merchantColumn<Review>(),
    { key: 'status', title: t('mch.review.statusCol'), render: (_, r) => <ReviewStatusTag status={r.status} testId={`review-status-${r.merchant.code}`} /> },
    { key: 'due', title: t('mch.review.dueOn'), render: (_, r) => <span style={{ whiteSpace: 'nowrap' }}>{r.dueOn}</span> },
    {
      key: 'rating',
      title: t('mch.review.ratingChange'),
      render: (_, r) => (
        <Flex gap={4} align="center" style={{ whiteSpace: 'nowrap' }}>
          <RatingTag rating={r.ratingBefore} />
          {r.ratingAfter ? <><ArrowRightOutlined style={{ fontSize: 11, color: '#8c8c8c' }} /><RatingTag rating={r.ratingAfter} /></> : null}
        </Flex>
      ),
    },
    {
      key: 'when',
      title: t('mch.review.when'),
      render: (_, r) => (
        <Flex vertical style={{ whiteSpace: 'nowrap' }}>
          <span>{t('mch.review.startedAt', { at: formatMinute(r.startedAt) })}</span>
          {r.completedAt ? <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('mch.review.completedAt', { at: formatMinute(r.completedAt), who: r.completedBy ?? '—' })}</Typography.Text> : null}
        </Flex>
      ),
    },
    { key: 'next', title: t('mch.review.nextReview'), render: (_, r) => r.nextReviewOn ?? <Typography.Text type="secondary">—</Typography.Text> },
    { key: 'step', title: t('mch.review.step'), render: (_, r) => step(r.inspection, r.merchant.code, all.reload) },
  ];

  const rowId = (code: string) => ({ 'data-testid': `review-row-${code}` }) as HTMLAttributes<HTMLElement>;
  const overdueTable = (
    <>
      <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>{t('mch.review.overdueIntro')}</Typography.Paragraph>
      <Table<OverdueReview>
        rowKey={(r) => r.reviewId ?? `due-${r.merchant.id}`}
        size="small"
        columns={overdueColumns}
        dataSource={overdue.data?.items ?? []}
        loading={overdue.loading}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('mch.review.noneOverdue') }}
        onRow={(r) => rowId(r.merchant.code)}
        data-testid="review-overdue-table"
        pagination={pagination(overdue.data?.total ?? 0)}
      />
    </>
  );
  const allTable = (
    <>
      <Flex gap={8} wrap style={{ marginBottom: 16 }} data-testid="review-filters">
        <Select
          value={status}
          placeholder={t('mch.review.allStatuses')}
          allowClear
          options={REVIEW_STATUSES.map((s) => ({ value: s, label: t(`mch.review.status.${s}`) }))}
          onChange={(next?: ReviewStatus) => update({ status: next })}
          style={{ width: 140 }}
          data-testid="review-filter-status"
        />
        <SearchInput value={merchant} onSearch={(text) => update({ merchant: text })} normalise={(s) => s.toUpperCase()} placeholder={t('mch.review.merchantFilter')} width={240} testId="review-filter-merchant" />
      </Flex>
      <Table<Review>
        rowKey="id"
        size="small"
        columns={allColumns}
        dataSource={all.data?.items ?? []}
        loading={all.loading}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('mch.review.none') }}
        onRow={(r) => rowId(r.merchant.code)}
        data-testid="review-table"
        pagination={pagination(all.data?.total ?? 0)}
      />
    </>
  );

  return (
    <>
      <PageHeader title={t('nav.merchantReviews')} section="nav.merchants" extra={<Button icon={<ReloadOutlined />} onClick={reload}>{t('common.reload')}</Button>} />
      <Flex vertical gap={16}>
        <Card>
          <Tabs
            activeKey={tab}
            onChange={(key) => update({ tab: key === 'all' ? 'all' : undefined, status: undefined, merchant: undefined })}
            items={[
              { key: 'overdue', label: <span data-testid="review-tab-overdue">{t('mch.review.tab.overdue')}{overdue.data?.total ? <Tag color="red" style={{ marginInlineStart: 6 }}>{overdue.data.total}</Tag> : null}</span>, children: overdueTable },
              { key: 'all', label: <span data-testid="review-tab-all">{t('mch.review.tab.all')}</span>, children: allTable },
            ]}
          />
        </Card>
        <Row>
          <Col xs={24} lg={12} xl={9}>
            <ReviewSettingsCard />
          </Col>
        </Row>
      </Flex>
    </>
  );
}
