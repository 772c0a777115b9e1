import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Col, DatePicker, Flex, Form, Input, Modal, Row, Select, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useFormSubmit } from '../../complaints/use-form-submit';
import { useT } from '../../i18n/i18n';
import { merchantsApi, RISK_LIST_KINDS, type RiskListKind } from '../merchants.api';

type EntryValues = { kind: RiskListKind; value: string; reason: string; source: string; listedOn?: Dayjs | null };
type Values = { entries: EntryValues[] };
const ENTRY_FIELDS = ['entries.*.kind', 'entries.*.value', 'entries.*.reason', 'entries.*.source', 'entries.*.listedOn'] as const;
/** At most this many rows in one go here; the API takes up to 1,000 (a file import belongs in a batch job). */
const MAX_ROWS = 20;

const blank = (): Partial<EntryValues> => ({ kind: 'uscc' });

/**
 * Adds entries to the risk-information list, all or none: a bad row refuses the batch and its
 * fault appears on the row. The value is sent once and kept only as a keyed digest.
 */
export function AddEntriesModal({ open, onClose, onAdded }: { open: boolean; onClose: () => void; onAdded: () => void }) {
  const { t } = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const { busy, problem, run } = useFormSubmit(form, ENTRY_FIELDS);
  const required = (field: string) => ({ required: true, whitespace: true, message: t('common.required', { field }) });

  const submit = async () => {
    let values: Values;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    const entries = values.entries.map((e) => ({ kind: e.kind, value: e.value.replace(/\s+/g, '').toUpperCase(), reason: e.reason.trim(), source: e.source.trim(), ...(e.listedOn ? { listedOn: e.listedOn.format('YYYY-MM-DD') } : {}) }));
    const done = await run(() => merchantsApi.addRiskList(entries));
    if (!done) return;
    void message.success(t('mch.riskList.addedResult', { added: done.added, already: done.alreadyListed }));
    form.resetFields();
    onAdded();
  };

  return (
    <Modal open={open} title={t('mch.riskList.add')} width={960} onCancel={onClose} onOk={() => void submit()} okText={t('common.save')} okButtonProps={{ loading: busy, 'data-testid': 'risk-list-submit' }} destroyOnHidden>
      <Typography.Paragraph type="secondary">{t('mch.riskList.addHint')}</Typography.Paragraph>
      <Form<Values> form={form} layout="vertical" initialValues={{ entries: [blank()] }} data-testid="risk-list-form">
        <Form.List name="entries">
          {(rows, { add, remove }) => (
            <Flex vertical gap={0}>
              {rows.map((row, index) => (
                <Row key={row.key} gutter={8} align="bottom" data-testid={`risk-list-row-${index}`}>
                  <Col xs={12} md={4}>
                    <Form.Item name={[row.name, 'kind']} label={index === 0 ? t('mch.riskList.kind') : undefined} rules={[{ required: true }]}>
                      <Select options={RISK_LIST_KINDS.map((k) => ({ value: k, label: t(`mch.riskList.kind.${k}`) }))} data-testid={`risk-list-kind-${index}`} />
                    </Form.Item>
                  </Col>
                  <Col xs={12} md={6}>
                    <Form.Item name={[row.name, 'value']} label={index === 0 ? t('mch.riskList.value') : undefined} rules={[required(t('mch.riskList.value')), { min: 5, max: 40 }]}>
                      <Input maxLength={40} autoComplete="off" style={{ fontFamily: 'monospace' }} data-testid={`risk-list-value-${index}`} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={6}>
                    <Form.Item name={[row.name, 'reason']} label={index === 0 ? t('mch.riskList.reason') : undefined} rules={[required(t('mch.riskList.reason')), { min: 2, max: 500 }]}>
                      <Input maxLength={500} placeholder={t('mch.riskList.reasonPlaceholder')} data-testid={`risk-list-reason-${index}`} />
                    </Form.Item>
                  </Col>
                  <Col xs={12} md={4}>
                    <Form.Item name={[row.name, 'source']} label={index === 0 ? t('mch.riskList.source') : undefined} rules={[required(t('mch.riskList.source')), { min: 2, max: 100 }]}>
                      <Input maxLength={100} placeholder={t('mch.riskList.sourcePlaceholder')} data-testid={`risk-list-source-${index}`} />
                    </Form.Item>
                  </Col>
                  <Col xs={9} md={3}>
                    <Form.Item name={[row.name, 'listedOn']} label={index === 0 ? t('mch.riskList.listedOn') : undefined}>
                      <DatePicker style={{ width: '100%' }} placeholder={t('mch.riskList.today')} />
                    </Form.Item>
                  </Col>
                  <Col xs={3} md={1}>
                    <Form.Item>
                      <Button icon={<DeleteOutlined />} disabled={rows.length === 1} onClick={() => remove(row.name)} aria-label={t('common.delete')} />
                    </Form.Item>
                  </Col>
                </Row>
              ))}
              <div>
                <Button size="small" icon={<PlusOutlined />} disabled={rows.length >= MAX_ROWS} onClick={() => add(blank())} data-testid="risk-list-add-row">{t('mch.riskList.addRow')}</Button>
              </div>
            </Flex>
          )}
        </Form.List>
      </Form>
      {problem ? <Alert type="error" showIcon title={problem} style={{ marginTop: 12 }} /> : null}
    </Modal>
  );
}
