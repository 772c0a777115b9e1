import { Card, Col, DatePicker, Empty, Flex, Row, Spin, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useSearchParams } from 'react-router';
import { useT } from '../../i18n/i18n';
import { addDays, chinaToday } from '../../queue/figures/figures-format';
import { CHART_ORANGE } from '../../queue/figures/EChart';
import { PageHeader } from '../../shared/PageHeader';
import { useRequest } from '../../shared/use-request';
import { useLabel } from '../complaint-display';
import { complaintsApi } from '../complaints.api';
import { BranchChart } from './BranchChart';
import { ExportButtons } from './ExportButtons';
import { MonthChart } from './MonthChart';
import { RankChart } from './RankChart';
import { ReportKpis } from './ReportKpis';
import { RepeatComplainantsTable, RepeatedStepsTable } from './ReportTables';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The period in the address (`?from=&to=`), else the last 90 days up to today (China dates). */
function usePeriod() {
  const [params, setParams] = useSearchParams();
  const today = chinaToday();
  const askedFrom = params.get('from');
  const askedTo = params.get('to');
  const to = askedTo && DATE.test(askedTo) ? askedTo : today;
  const from = askedFrom && DATE.test(askedFrom) && askedFrom <= to ? askedFrom : addDays(to, -89);
  const setPeriod = (nextFrom: string, nextTo: string) =>
    setParams((prev) => {
      const p = new URLSearchParams(prev);
      p.set('from', nextFrom);
      p.set('to', nextTo);
      return p;
    }, { replace: true });
  return { from, to, today, setPeriod };
}

/** 投诉分析 (`/complaints/report`, `complaint.read`): a period's complaints — volume, timeliness, where they come from and why — and the export. */
export function ComplaintReportPage() {
  const { t, pick } = useT();
  const label = useLabel();
  const { from, to, today, setPeriod } = usePeriod();
  const report = useRequest((signal) => complaintsApi.report({ from, to }, signal), [from, to]);
  const data = report.data;
  const name = (r: { nameZh: string; nameEn: string }) => pick(r) || t('complaint.unclassified');
  const range = (a: string, b: string): [Dayjs, Dayjs] => [dayjs(a), dayjs(b)];
  const presets = [
    { label: t('complaintReport.thisMonth'), value: range(`${today.slice(0, 8)}01`, today) },
    { label: t('complaintReport.last90'), value: range(addDays(today, -89), today) },
    { label: t('complaintReport.thisYear'), value: range(`${today.slice(0, 4)}-01-01`, today) },
    { label: t('complaintReport.lastYear'), value: range(`${Number(today.slice(0, 4)) - 1}-01-01`, `${Number(today.slice(0, 4)) - 1}-12-31`) },
  ];

  return (
    <>
      <PageHeader title={t('nav.complaintReport')} section="nav.complaints" extra={<ExportButtons from={from} to={to} />} />
      <Flex vertical gap={16}>
        <Flex align="center" gap={12} wrap>
          <Typography.Text>{t('complaintReport.period')}</Typography.Text>
          <DatePicker.RangePicker
            value={[dayjs(from), dayjs(to)]}
            allowClear={false}
            presets={presets}
            onChange={(picked) => {
              if (picked?.[0] && picked[1]) setPeriod(picked[0].format('YYYY-MM-DD'), picked[1].format('YYYY-MM-DD'));
            }}
            data-testid="complaint-report-period"
          />
          <Typography.Text type="secondary">{t('complaintReport.periodHint')}</Typography.Text>
        </Flex>
        {!data ? (
          report.loading ? <Spin style={{ display: 'block', margin: '80px auto' }} /> : <Card><Empty description={t('complaintReport.loadFailed')} /></Card>
        ) : (
          <Spin spinning={report.loading}>
            <Flex vertical gap={16} data-testid="complaint-report-content">
              <ReportKpis report={data} />
              {data.totals.received === 0 ? (
                <Card><Empty description={t('complaintReport.noComplaints', { from, to })} /></Card>
              ) : (
                <>
                  <Row gutter={[16, 16]}>
                    <Col xs={24} xl={14}><MonthChart rows={data.byMonth} /></Col>
                    <Col xs={24} xl={10}><RankChart title={t('complaintReport.byChannel')} testId="complaint-report-by-channel" rows={data.byChannel.map((r) => ({ label: label('complaint.channel', r.channel), count: r.count }))} /></Col>
                  </Row>
                  <Row gutter={[16, 16]}>
                    <Col xs={24} xl={12}><RankChart title={t('complaintReport.byCategory')} testId="complaint-report-by-category" rows={data.byCategory.map((r) => ({ label: name(r), count: r.count }))} /></Col>
                    <Col xs={24} xl={12}><RankChart title={t('complaintReport.byCause')} testId="complaint-report-by-cause" color={CHART_ORANGE} rows={data.byCause.map((r) => ({ label: name(r), count: r.count }))} /></Col>
                  </Row>
                  <BranchChart rows={data.byBranch} />
                  <Row gutter={[16, 16]}>
                    <Col xs={24} xl={12}><RepeatComplainantsTable rows={data.repeatComplainants} /></Col>
                    <Col xs={24} xl={12}><RepeatedStepsTable rows={data.repeatedSteps} /></Col>
                  </Row>
                </>
              )}
            </Flex>
          </Spin>
        )}
      </Flex>
    </>
  );
}
