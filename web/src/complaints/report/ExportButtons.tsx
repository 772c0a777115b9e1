import { FileExcelOutlined, FileTextOutlined } from '@ant-design/icons';
import { Button, Space } from 'antd';
import { useT } from '../../i18n/i18n';
import { complaintsApi } from '../complaints.api';

/** The period's complaints and figures as a file: a plain link, the session cookie goes with it. */
export function ExportButtons({ from, to }: { from: string; to: string }) {
  const { t } = useT();
  return (
    <Space>
      <Button icon={<FileTextOutlined />} href={complaintsApi.exportUrl('csv', from, to)} download data-testid="complaint-report-export-csv">{t('complaintReport.exportCsv')}</Button>
      <Button icon={<FileExcelOutlined />} href={complaintsApi.exportUrl('xlsx', from, to)} download data-testid="complaint-report-export-xlsx">{t('complaintReport.exportXlsx')}</Button>
    </Space>
  );
}
