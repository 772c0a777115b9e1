import { Flex, Tag, Typography, type TableProps } from 'antd';
import { Link } from 'react-router';
import { useT } from '../../i18n/i18n';
import { formatMinute } from '../../pages/catalog/service-display';
import { ClockCell, PriorityTag, StatusTag, useStepLabel } from '../complaint-display';
import type { ComplaintListItem, SortKey } from '../complaints.api';
import type { SetupView } from '../use-complaint-setup';

/** The board's columns; the clock and the received time sort on the server. */
export function useBoardColumns(sort: SortKey, setup: SetupView, multiBranch: boolean): TableProps<ComplaintListItem>['columns'] {
  const { t, pick } = useT();
  const stepLabel = useStepLabel();
  return [
    {
      key: 'ref',
      title: t('complaint.ref'),
      fixed: 'left',
      render: (_, c) => (
        <Link to={`/complaints/${encodeURIComponent(c.id)}`} onClick={(e) => e.stopPropagation()} style={{ fontFamily: 'monospace', whiteSpace: 'nowrap' }}>
          {c.ref}
        </Link>
      ),
    },
    {
      key: 'daysLeft',
      title: t('complaint.clockCol'),
      sorter: true,
      sortOrder: sort === 'daysLeft' ? 'ascend' : null,
      sortDirections: ['ascend'],
      render: (_, c) => (
        <Flex vertical gap={2}>
          <ClockCell clock={c.clock} due />
          {c.extensionPending ? <Tag color="gold" style={{ marginInlineEnd: 0, width: 'fit-content' }}>{t('complaint.extensionPending')}</Tag> : null}
        </Flex>
      ),
    },
    {
      key: 'status',
      title: t('complaint.statusPriority'),
      render: (_, c) => (
        <Flex gap={4} wrap style={{ maxWidth: 170 }}>
          <StatusTag status={c.status} />
          {c.priority !== 'normal' ? <PriorityTag priority={c.priority} /> : null}
        </Flex>
      ),
    },
    {
      key: 'step',
      title: t('complaint.currentStep'),
      render: (_, c) => (c.step ? <div style={{ maxWidth: 140 }}>{stepLabel(c.step)}</div> : <Typography.Text type="secondary">—</Typography.Text>),
    },
    { key: 'complainant', title: t('complaint.complainant'), render: (_, c) => c.complainantName },
    {
      key: 'category',
      title: t('complaint.categoryCause'),
      render: (_, c) =>
        c.categoryCode ? (
          <Flex vertical style={{ maxWidth: 150 }}>
            <span>{setup.categoryName(c.categoryCode)}</span>
            {c.causeCode ? <Typography.Text type="secondary" style={{ fontSize: 12 }}>{setup.categoryName(c.causeCode)}</Typography.Text> : null}
          </Flex>
        ) : (
          <Typography.Text type="secondary">{t('complaint.unclassified')}</Typography.Text>
        ),
    },
    { key: 'handler', title: t('complaint.handler'), render: (_, c) => c.handler ?? <Typography.Text type="secondary" title={t('complaint.noHandler')}>—</Typography.Text> },
    ...(multiBranch ? [{ key: 'branch', title: t('complaint.branch'), render: (_: unknown, c: ComplaintListItem) => <span title={pick({ nameZh: c.unitNameZh, nameEn: c.unitNameEn })} style={{ whiteSpace: 'nowrap' }}>{c.unitCode}</span> }] : []),
    {
      key: 'received',
      title: t('complaint.receivedChannel'),
      sorter: true,
      sortOrder: sort === 'received' ? 'ascend' : sort === '-received' ? 'descend' : null,
      sortDirections: ['descend', 'ascend'],
      render: (_, c) => (
        <Flex vertical>
          <span style={{ whiteSpace: 'nowrap' }}>{formatMinute(c.receivedAt)}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>{t(`complaint.channel.${c.channel}`)}</Typography.Text>
        </Flex>
      ),
    },
  ];
}
