import { Tag } from 'antd';
import { useT } from '../../i18n/i18n';
import type { OverdueReason, ReviewStatus } from '../service.api';

/* How a re-review's state reads: running, done or cancelled; and why an overdue one is late. */

const statusColor: Record<ReviewStatus, string> = { in_progress: 'processing', completed: 'success', cancelled: 'default' };
const reasonColor: Record<OverdueReason, string> = { inspection_overdue: 'red', not_started: 'volcano' };
const tagStyle = { marginInlineEnd: 0 };

export function ReviewStatusTag({ status, testId }: { status: ReviewStatus; testId?: string }) {
  const { t } = useT();
  return <Tag color={statusColor[status]} style={tagStyle} data-testid={testId} data-status={status}>{t(`mch.review.status.${status}`)}</Tag>;
}

/** 检查逾期 (the inspection is past its due date) or 未启动 (the review date passed with no review running). */
export function OverdueReasonTag({ reason, testId }: { reason: OverdueReason; testId?: string }) {
  const { t } = useT();
  return <Tag color={reasonColor[reason]} style={tagStyle} data-testid={testId} data-reason={reason}>{t(`mch.review.reason.${reason}`)}</Tag>;
}
