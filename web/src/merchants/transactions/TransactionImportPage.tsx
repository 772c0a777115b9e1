import { InboxOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, Card, Checkbox, Col, Flex, Row, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { isApiError } from '../../api/client';
import { useT } from '../../i18n/i18n';
import { useShowError } from '../../shared/api-errors';
import { PageHeader } from '../../shared/PageHeader';
import { merchantsApi } from '../merchants.api';
import { faultsOf, ImportReportView, type ImportOutcome } from './ImportReportView';

/** The columns of a transaction file, in any order (the server's list). */
const COLUMNS = ['merchant', 'day', 'count', 'amount', 'refunds', 'chargebacks', 'declined', 'night_share', 'cnp_share', 'foreign_share', 'max_amount', 'near_limit_count', 'outside_region_count'];

/** 交易数据导入 (`/merchants/transactions`, `merchant.risk`): the acquiring system's end-of-day figures as CSV, checked row by row. */
export function TransactionImportPage() {
  const { t } = useT();
  const showError = useShowError();
  const [file, setFile] = useState<File | null>(null);
  const [acceptValid, setAcceptValid] = useState(false);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<ImportOutcome | null>(null);

  const upload = async () => {
    if (!file) return;
    setBusy(true);
    try {
      const report = await merchantsApi.importTransactions(file, acceptValid);
      setOutcome({ type: 'imported', fileName: file.name, report });
    } catch (error) {
      // a bad file is refused whole: its faults come as the problem's field errors, by line and column
      if (isApiError(error) && error.status === 400 && error.errors.length > 0) {
        setOutcome({ type: 'refused', fileName: file.name, detail: error.detail || error.title, faults: faultsOf(error.errors) });
      } else {
        showError(error);
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <PageHeader title={t('nav.merchantTransactions')} section="nav.merchants" />
      <Flex vertical gap={16}>
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={14}>
            <Card size="small" title={t('mch.import.uploadTitle')} style={{ height: '100%' }}>
              <Flex vertical gap={12}>
                <Upload.Dragger
                  accept=".csv,.gz,text/csv"
                  maxCount={1}
                  fileList={file ? [{ uid: 'file', name: file.name, size: file.size, status: 'done' }] : []}
                  beforeUpload={(chosen) => {
                    setFile(chosen);
                    setOutcome(null);
                    return false;
                  }}
                  onRemove={() => setFile(null)}
                  data-testid="import-file"
                >
                  <p className="ant-upload-drag-icon"><InboxOutlined /></p>
                  <p className="ant-upload-text">{t('mch.import.drop')}</p>
                  <p className="ant-upload-hint">{t('mch.import.dropHint')}</p>
                </Upload.Dragger>
                <Checkbox checked={acceptValid} onChange={(e) => setAcceptValid(e.target.checked)} data-testid="import-accept-valid">{t('mch.import.acceptValid')}</Checkbox>
                <Typography.Text type="secondary" style={{ fontSize: 12, marginTop: -8 }}>{t('mch.import.acceptValidHint')}</Typography.Text>
                <div>
                  <Button type="primary" icon={<UploadOutlined />} disabled={!file} loading={busy} onClick={() => void upload()} data-testid="import-submit">{t('mch.import.submit')}</Button>
                </div>
              </Flex>
            </Card>
          </Col>
          <Col xs={24} xl={10}>
            <Card size="small" title={t('mch.import.formatTitle')} style={{ height: '100%' }}>
              <Typography.Paragraph style={{ marginTop: 0 }}>{t('mch.import.formatIntro')}</Typography.Paragraph>
              <Flex gap={4} wrap align="center" style={{ marginBottom: 12 }}>
                {COLUMNS.map((c) => <Tag key={c} style={{ marginInlineEnd: 0, fontFamily: 'monospace' }}>{c}</Tag>)}
                <Typography.Text copyable={{ text: COLUMNS.join(','), tooltips: [t('mch.import.copyHeader'), t('mch.import.copied')] }} />
              </Flex>
              <ul style={{ margin: 0, paddingInlineStart: 18, color: 'rgba(0,0,0,0.65)', fontSize: 13 }}>
                <li>{t('mch.import.ruleMerchant')}</li>
                <li>{t('mch.import.ruleNumbers')}</li>
                <li>{t('mch.import.ruleShares')}</li>
                <li>{t('mch.import.ruleOnce')}</li>
              </ul>
            </Card>
          </Col>
        </Row>
        {outcome ? <ImportReportView outcome={outcome} /> : null}
      </Flex>
    </>
  );
}
