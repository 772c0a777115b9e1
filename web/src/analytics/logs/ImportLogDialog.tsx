import { InboxOutlined } from '@ant-design/icons';
import { Alert, Col, Form, Input, Modal, Progress, Row, Select, Tag, Typography, Upload } from 'antd';
import { useRef, useState } from 'react';
import { isApiError } from '../../api/client';
import { useT } from '../../i18n/i18n';
import { applyFieldErrors } from '../../shared/api-errors';
import { formatCount } from '../analytics-format';
import { analyticsApi, type ImportResult } from '../analytics.api';
import { useErrorText } from '../shared/RequestView';
import { DELIMITERS, formatOfFile, guessMapping, readCsvHeader, type MappingField } from './csv-header';

type Values = { name?: string; delimiter: string } & Partial<Record<MappingField, string>>;

const MAPPING: readonly { field: MappingField; required: boolean }[] = [
  { field: 'caseColumn', required: true },
  { field: 'activityColumn', required: true },
  { field: 'timestampColumn', required: true },
  { field: 'resourceColumn', required: false },
  { field: 'lifecycleColumn', required: false },
];
const FORM_FIELDS = ['name', 'delimiter', ...MAPPING.map((m) => m.field)];

const baseName = (name: string) => name.replace(/\.(csv|xes\.gz|xes|gz)$/i, '');

/**
 * 导入事件日志: a file (XES, gzipped XES or CSV, told by its name), a name, and for a CSV the
 * columns that hold the case, the activity and the time — offered from the file's header row,
 * guessed where the names are the usual ones. The server's refusals land on their fields.
 */
export function ImportLogDialog({ open, onClose, onImported }: { open: boolean; onClose: () => void; onImported: (result: ImportResult, name: string) => void }) {
  const { t, lang } = useT();
  const errorText = useErrorText();
  const [form] = Form.useForm<Values>();
  const [file, setFile] = useState<File | null>(null);
  /** The header's named columns (an unnamed one cannot be mapped), and how many columns it has in all. */
  const [columns, setColumns] = useState<string[]>([]);
  const [columnCount, setColumnCount] = useState(0);
  const [fileError, setFileError] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const abort = useRef<AbortController | null>(null);
  const format = file ? formatOfFile(file.name) : null;

  const reset = () => {
    form.resetFields();
    setFile(null);
    setColumns([]);
    setFileError(null);
    setProblem(null);
    setProgress(null);
  };

  const readHeader = async (picked: File, delimiter?: string) => {
    try {
      const header = await readCsvHeader(picked, delimiter);
      const named = header.columns.filter((c) => c !== '');
      setColumns(named);
      setColumnCount(header.columns.length);
      form.setFieldsValue({ delimiter: header.delimiter, ...(delimiter ? {} : guessMapping(named)) });
    } catch {
      setColumns([]);
      setColumnCount(0);
    }
  };

  const pick = (picked: File) => {
    setFile(picked);
    setProblem(null);
    const kind = formatOfFile(picked.name);
    setFileError(kind ? null : t('analytics.import.unknownFormat'));
    form.resetFields();
    form.setFieldsValue({ name: kind === 'csv' ? baseName(picked.name) : undefined, delimiter: ',' });
    if (kind === 'csv') void readHeader(picked);
    else setColumns([]);
  };

  const submit = async () => {
    if (!file || !format) {
      setFileError(file ? t('analytics.import.unknownFormat') : t('analytics.import.fileRequired'));
      return;
    }
    const values = await form.validateFields();
    setProblem(null);
    setProgress(0);
    abort.current = new AbortController();
    try {
      const result = await analyticsApi.importLog(
        { file, format, name: values.name?.trim() || undefined, ...(format === 'csv' ? { caseColumn: values.caseColumn, activityColumn: values.activityColumn, timestampColumn: values.timestampColumn, resourceColumn: values.resourceColumn, lifecycleColumn: values.lifecycleColumn, delimiter: values.delimiter === '\t' ? '\\t' : values.delimiter } : {}) },
        setProgress,
        abort.current.signal,
      );
      onImported(result, values.name?.trim() || file.name);
      reset();
    } catch (error) {
      setProgress(null);
      if (error instanceof DOMException && error.name === 'AbortError') return;
      if (isApiError(error) && error.errors.length) {
        const onFile = error.errors.filter((e) => e.field === '/file' || e.field === 'file');
        setFileError(onFile.length ? onFile.map((e) => e.message).join(' ') : null);
        const rest = applyFieldErrors(form, error.errors.filter((e) => !onFile.includes(e)), FORM_FIELDS);
        setProblem([error.detail ?? error.title, ...rest.map((e) => `${e.field}: ${e.message}`)].filter(Boolean).join(' '));
      } else {
        setProblem(errorText(error));
      }
    }
  };

  const busy = progress !== null;
  const columnOptions = columns.map((c) => ({ value: c, label: c }));

  return (
    <Modal
      open={open}
      title={t('analytics.import.title')}
      width={720}
      okText={t('analytics.import.submit')}
      onOk={() => void submit()}
      okButtonProps={{ loading: busy, 'data-testid': 'import-submit' }}
      onCancel={() => {
        abort.current?.abort();
        reset();
        onClose();
      }}
      maskClosable={!busy}
      destroyOnHidden
      data-testid="import-dialog"
    >
      {problem ? <Alert type="error" showIcon title={t('analytics.import.failed')} description={problem} style={{ marginBottom: 12 }} data-testid="import-error" /> : null}
      <Form form={form} layout="vertical" requiredMark="optional" disabled={busy} initialValues={{ delimiter: ',' }}>
        <Form.Item label={t('analytics.import.file')} required validateStatus={fileError ? 'error' : undefined} help={fileError ?? t('analytics.import.fileHint')}>
          <Upload.Dragger
            accept=".csv,.xes,.gz"
            maxCount={1}
            showUploadList={false}
            beforeUpload={(f) => {
              pick(f);
              return false;
            }}
            data-testid="import-file"
          >
            <p className="ant-upload-drag-icon"><InboxOutlined /></p>
            {file ? (
              <Typography.Text strong data-testid="import-file-name">
                {file.name} <Tag style={{ marginInlineStart: 8 }}>{format ? t(`analytics.format.${format}`) : '?'}</Tag>
                <Typography.Text type="secondary">{formatSize(file.size, lang)}</Typography.Text>
              </Typography.Text>
            ) : (
              <p className="ant-upload-text">{t('analytics.import.drop')}</p>
            )}
          </Upload.Dragger>
        </Form.Item>
        <Form.Item name="name" label={t('analytics.import.name')} rules={[{ max: 200 }]} extra={format === 'xes' ? t('analytics.import.nameXesHint') : undefined}>
          <Input placeholder={format === 'xes' ? t('analytics.import.nameXesPlaceholder') : undefined} maxLength={200} data-testid="import-name" />
        </Form.Item>
        {format === 'csv' ? (
          <>
            <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
              {columns.length ? t('analytics.import.columnsFound', { n: formatCount(columnCount, lang) }) : t('analytics.import.noColumns')}
            </Typography.Paragraph>
            <Row gutter={12}>
              <Col span={8}>
                <Form.Item name="delimiter" label={t('analytics.import.delimiter')} required>
                  <Select
                    options={DELIMITERS.map((d) => ({ value: d, label: t(`analytics.import.delimiter.${d === '\t' ? 'tab' : d === ',' ? 'comma' : d === ';' ? 'semicolon' : 'pipe'}`) }))}
                    onChange={(d: string) => file && void readHeader(file, d)}
                    data-testid="import-delimiter"
                  />
                </Form.Item>
              </Col>
              {MAPPING.map(({ field, required }) => (
                <Col span={8} key={field}>
                  <Form.Item
                    name={field}
                    label={t(`analytics.import.${field}`)}
                    tooltip={t(`analytics.import.${field}Hint`)}
                    required={required}
                    rules={required ? [{ required: true, message: t('common.selectRequired', { field: t(`analytics.import.${field}`) }) }] : []}
                  >
                    <Select options={columnOptions} allowClear={!required} showSearch placeholder={t('analytics.import.chooseColumn')} data-testid={`import-${field}`} />
                  </Form.Item>
                </Col>
              ))}
            </Row>
          </>
        ) : null}
      </Form>
      {busy ? (
        <div data-testid="import-progress">
          <Progress percent={Math.round((progress ?? 0) * 100)} size="small" status="active" />
          <Typography.Text type="secondary">{(progress ?? 0) >= 1 ? t('analytics.import.processing') : t('analytics.import.uploading')}</Typography.Text>
        </div>
      ) : null}
    </Modal>
  );
}

function formatSize(bytes: number, lang: 'zh-CN' | 'en'): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let size = bytes;
  let unit = 0;
  while (size >= 1024 && unit < units.length - 1) {
    size /= 1024;
    unit++;
  }
  return `${new Intl.NumberFormat(lang, { maximumFractionDigits: unit ? 1 : 0 }).format(size)} ${units[unit]}`;
}
