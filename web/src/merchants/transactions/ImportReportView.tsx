import { Alert, Card, Row, Table, Typography } from 'antd';
import { Link } from 'react-router';
import { useT } from '../../i18n/i18n';
import { FIGURE_BAD, FIGURE_GOOD, FIGURE_WARN, FigureCard } from '../../shared/FigureCard';
import type { ImportReport } from '../merchants.api';

/** One fault of a row, in the reader's language: its line in the file and the column. */
export type FaultRow = { line: number; column: string | null; message: string };

/** What the last upload came to: written (with its report), or refused whole (with the faults). */
export type ImportOutcome =
  | { type: 'imported'; fileName: string; report: ImportReport }
  | { type: 'refused'; fileName: string; detail: string; faults: FaultRow[] };

/**
 * The faults of a refused file, from the problem's field errors: `/rows/5/amount` is line 5,
 * column amount; `/rows/8` a line as a whole; `/file` the file.
 */
export function faultsOf(errors: readonly { field: string; message: string }[]): FaultRow[] {
  return errors.map((e) => {
    const m = /^\/rows\/(\d+)(?:\/(\w+))?$/.exec(e.field);
    return m ? { line: Number(m[1]), column: m[2] ?? null, message: e.message } : { line: 0, column: null, message: e.message };
  });
}

function FaultsTable({ faults }: { faults: FaultRow[] }) {
  const { t } = useT();
  return (
    <Table<FaultRow>
      rowKey={(f, i) => `${f.line}-${f.column ?? ''}-${i ?? 0}`}
      size="small"
      scroll={{ x: 'max-content' }}
      dataSource={faults}
      pagination={faults.length > 20 ? { pageSize: 20, size: 'small' } : false}
      data-testid="import-faults"
      columns={[
        { key: 'line', title: t('mch.import.line'), width: 80, align: 'right', render: (_, f) => (f.line > 0 ? f.line : '—') },
        { key: 'column', title: t('mch.import.column'), width: 180, render: (_, f) => (f.column ? <Typography.Text code>{f.column}</Typography.Text> : <Typography.Text type="secondary">{t('mch.import.wholeLine')}</Typography.Text>) },
        { key: 'message', title: t('mch.import.fault'), render: (_, f) => f.message },
      ]}
    />
  );
}

/** 导入结果: rows read, accepted, rejected, corrected days, the alerts the new days opened, and every fault by line and column. */
export function ImportReportView({ outcome }: { outcome: ImportOutcome }) {
  const { t, lang } = useT();
  if (outcome.type === 'refused') {
    return (
      <Card size="small" title={t('mch.import.resultTitle', { file: outcome.fileName })} data-testid="import-report">
        <Alert type="error" showIcon title={outcome.detail} description={t('mch.import.refusedHint')} style={{ marginBottom: 12 }} data-testid="import-refused" />
        <FaultsTable faults={outcome.faults} />
      </Card>
    );
  }
  const r = outcome.report;
  const faults: FaultRow[] = r.faults.map((f) => ({ line: f.line, column: f.column, message: typeof f.message === 'string' ? f.message : lang === 'zh-CN' ? f.message.zh : f.message.en }));
  const opened = r.alerts.opened;
  return (
    <Card size="small" title={t('mch.import.resultTitle', { file: outcome.fileName })} data-testid="import-report">
      {r.alreadyImported ? <Alert type="info" showIcon title={t('mch.import.already')} style={{ marginBottom: 12 }} data-testid="import-already" /> : null}
      <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
        <FigureCard title={t('mch.import.rows')} value={r.rows} testId="import-rows" />
        <FigureCard title={t('mch.import.accepted')} value={r.accepted} color={FIGURE_GOOD} testId="import-accepted" />
        <FigureCard title={t('mch.import.rejected')} value={r.rejected} color={r.rejected ? FIGURE_BAD : undefined} testId="import-rejected" />
        <FigureCard title={t('mch.import.replaced')} value={r.replaced} note={t('mch.import.replacedNote')} testId="import-replaced" />
        <FigureCard
          title={t('mch.import.alertsOpened')}
          value={opened}
          color={opened ? FIGURE_BAD : undefined}
          note={opened ? <Link to="/merchants/alerts" data-testid="import-to-alerts">{t('mch.import.toBoard')}</Link> : t('mch.import.noAlerts')}
          testId="import-alerts-opened"
        />
        <FigureCard title={t('mch.import.alertsRepeated')} value={r.alerts.repeated} color={r.alerts.repeated ? FIGURE_WARN : undefined} note={t('mch.import.repeatedNote')} testId="import-alerts-repeated" />
      </Row>
      {faults.length ? (
        <>
          <Typography.Title level={5} style={{ marginTop: 0 }}>{t('mch.import.faultsTitle', { n: r.rejected })}</Typography.Title>
          <FaultsTable faults={faults} />
        </>
      ) : null}
    </Card>
  );
}
