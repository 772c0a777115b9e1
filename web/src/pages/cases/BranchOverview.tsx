import { Card, Col, Empty, Flex, Row, Skeleton, Statistic, Typography } from 'antd';
import type { BranchOverview as Overview, SlaState } from '../../api/cases.api';
import { useT } from '../../i18n/i18n';

type Props = {
  items: Overview[] | undefined;
  loading: boolean;
  /** Clicking a count filters the case list by that SLA state. */
  onPick: (sla: Exclude<SlaState, 'none'> | undefined) => void;
};

function Figure({ title, value, color, onClick, testId }: { title: string; value: number; color?: string; onClick?: () => void; testId: string }) {
  return (
    <div onClick={onClick} style={{ cursor: onClick ? 'pointer' : undefined, minWidth: 72 }} data-testid={testId}>
      <Statistic title={title} value={value} styles={{ content: { fontSize: 22, color: value > 0 ? color : undefined } }} />
    </div>
  );
}

/** 网点概览: per branch in reach, cases open, at risk, breached and closed today. */
export function BranchOverview({ items, loading, onPick }: Props) {
  const { t, pick } = useT();
  if (loading && !items) return <Card><Skeleton active paragraph={{ rows: 2 }} /></Card>;
  if (!items || items.length === 0) {
    return <Card><Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('cases.overviewEmpty')} /></Card>;
  }
  const span = items.length === 1 ? 24 : items.length === 2 ? 12 : 8;
  return (
    <Row gutter={[16, 16]} data-testid="branch-overview">
      {items.map((b) => (
        <Col key={b.unitId} xs={24} md={items.length === 1 ? 24 : 12} xl={span}>
          <Card size="small" title={<Flex gap={8} align="baseline"><span>{pick(b)}</span><Typography.Text type="secondary" style={{ fontWeight: 400, fontSize: 12 }}>{b.unitCode}</Typography.Text></Flex>}>
            <Flex gap={24} wrap>
              <Figure title={t('cases.open')} value={b.open} onClick={() => onPick(undefined)} testId={`overview-open-${b.unitCode}`} />
              <Figure title={t('case.sla.at_risk')} value={b.atRisk} color="#d46b08" onClick={() => onPick('at_risk')} testId={`overview-atrisk-${b.unitCode}`} />
              <Figure title={t('case.sla.breached')} value={b.breached} color="#cf1322" onClick={() => onPick('breached')} testId={`overview-breached-${b.unitCode}`} />
              <Figure title={t('cases.closedToday')} value={b.closedToday} color="#389e0d" testId={`overview-closed-${b.unitCode}`} />
              <Figure title={t('cases.rework')} value={b.rework} testId={`overview-rework-${b.unitCode}`} />
            </Flex>
          </Card>
        </Col>
      ))}
    </Row>
  );
}
