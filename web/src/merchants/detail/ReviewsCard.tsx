import { ArrowRightOutlined } from '@ant-design/icons';
import { Card, Descriptions, Flex, Table, Typography } from 'antd';
import { Link } from 'react-router';
import { useT } from '../../i18n/i18n';
import { StepDue } from '../../pages/cases/case-display';
import { formatDateTime } from '../../shared/format';
import { useRequest } from '../../shared/use-request';
import { RatingTag } from '../merchant-display';
import type { Merchant } from '../merchants.api';
import { ReviewStatusTag } from '../reviews/review-display';
import { ReviewStepButton } from '../reviews/ReviewStepButton';
import { serviceApi, type Review } from '../service.api';

const SHOWN = 20;

/**
 * 定期复查: when the merchant is next reviewed (from its record) and its reviews, the running one
 * first with its inspection step, which opens in My work's drawer.
 */
export function ReviewsCard({ merchant, version, onChanged }: { merchant: Merchant; version: number; onChanged: () => void }) {
  const { t, lang } = useT();
  const list = useRequest((signal) => serviceApi.reviews({ merchant: merchant.code, limit: SHOWN, offset: 0 }, signal), [merchant.code, lang, version]);

  return (
    <Card size="small" title={t('mch.review.cardTitle')} extra={<Link to="/merchants/reviews?tab=all">{t('mch.review.toList')}</Link>} data-testid="merchant-reviews">
      <Descriptions size="small" column={1} style={{ marginBottom: 8 }}>
        <Descriptions.Item label={t('mch.review.nextReview')}>
          <Typography.Text strong data-testid="merchant-reviews-next">{merchant.nextReviewOn ?? t('mch.review.noNext')}</Typography.Text>
        </Descriptions.Item>
      </Descriptions>
      <Table<Review>
        rowKey="id"
        size="small"
        scroll={{ x: 'max-content' }}
        loading={list.loading && !list.data}
        pagination={false}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: t('mch.review.noneForMerchant') }}
        columns={[
          {
            key: 'review',
            title: t('mch.review.dueOn'),
            render: (_, r) => (
              <Flex vertical gap={2} style={{ whiteSpace: 'nowrap' }}>
                <span>{r.dueOn}</span>
                <span><ReviewStatusTag status={r.status} testId={`merchant-review-status-${r.id}`} /></span>
              </Flex>
            ),
          },
          {
            key: 'outcome',
            title: t('mch.review.outcome'),
            render: (_, r) =>
              r.inspection ? (
                <Flex vertical gap={2} style={{ whiteSpace: 'nowrap' }}>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('mch.review.inspection')}{r.inspection.assignee ? ` · ${r.inspection.assignee}` : ''}</Typography.Text>
                  <StepDue dueAt={r.inspection.dueAt} />
                  <span><ReviewStepButton taskId={r.inspection.taskId} onChanged={() => { list.reload(); onChanged(); }} testId={`merchant-review-step-${r.id}`} /></span>
                </Flex>
              ) : (
                <Flex vertical gap={2} style={{ whiteSpace: 'nowrap' }}>
                  <Flex gap={4} align="center">
                    <RatingTag rating={r.ratingBefore} />
                    {r.ratingAfter ? <><ArrowRightOutlined style={{ fontSize: 11, color: '#8c8c8c' }} /><RatingTag rating={r.ratingAfter} /></> : null}
                  </Flex>
                  {r.completedAt ? <Typography.Text type="secondary" style={{ fontSize: 12 }}>{formatDateTime(r.completedAt).slice(0, 10)} · {r.completedBy ?? '—'}</Typography.Text> : null}
                </Flex>
              ),
          },
        ]}
      />
    </Card>
  );
}
