import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Form, Input, Modal, Row, Table, Tag } from 'antd';
import { useState } from 'react';
import { useMe } from '../../auth/auth';
import { useFormSubmit } from '../../complaints/use-form-submit';
import { useT } from '../../i18n/i18n';
import { merchantsApi, type Merchant, type NewTerminal, type Terminal, type TerminalStatus } from '../merchants.api';

const statusColor: Record<TerminalStatus, string> = { ordered: 'default', installed: 'processing', active: 'success', faulty: 'red', recovered: 'default' };
const TERMINAL_FIELDS = ['serial', 'model', 'location', 'region'] as const;

/** Registers a terminal (POS) for the merchant; it stays `ordered` until the installation step. */
function AddTerminalModal({ merchant, open, onClose, onAdded }: { merchant: Merchant; open: boolean; onClose: () => void; onAdded: () => void }) {
  const { t } = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<NewTerminal>();
  const { busy, problem, run } = useFormSubmit(form, TERMINAL_FIELDS);
  const required = (field: string) => ({ required: true, whitespace: true, message: t('common.required', { field }) });

  const submit = async () => {
    let values: NewTerminal;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    const added = await run(() => merchantsApi.addTerminal(merchant.id, { serial: values.serial.trim(), model: values.model.trim(), location: values.location.trim(), region: values.region.trim() }));
    if (!added) return;
    void message.success(t('mch.terminals.added', { serial: added.serial }));
    form.resetFields();
    onAdded();
  };

  return (
    <Modal open={open} title={t('mch.terminals.add')} onCancel={onClose} onOk={() => void submit()} okText={t('common.save')} confirmLoading={busy} destroyOnHidden okButtonProps={{ 'data-testid': 'merchant-terminal-submit' }}>
      <Form form={form} layout="vertical" initialValues={{ region: merchant.region }} data-testid="merchant-terminal-form">
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item name="serial" label={t('mch.terminals.serial')} rules={[required(t('mch.terminals.serial')), { pattern: /^[A-Za-z0-9-]{6,40}$/, message: t('mch.terminals.serialPattern') }]}>
              <Input maxLength={40} style={{ fontFamily: 'monospace' }} data-testid="merchant-terminal-serial" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="model" label={t('mch.terminals.model')} rules={[required(t('mch.terminals.model'))]}>
              <Input maxLength={60} placeholder="PAX A920" data-testid="merchant-terminal-model" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={16}>
            <Form.Item name="location" label={t('mch.terminals.location')} rules={[required(t('mch.terminals.location')), { min: 2 }]}>
              <Input maxLength={200} placeholder={t('mch.terminals.locationPlaceholder')} data-testid="merchant-terminal-location" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item name="region" label={t('mch.region')} tooltip={t('mch.terminals.regionHint')} rules={[required(t('mch.region')), { pattern: /^\d{6}$/, message: t('mch.reg.regionPattern') }]}>
              <Input maxLength={6} style={{ fontFamily: 'monospace' }} data-testid="merchant-terminal-region" />
            </Form.Item>
          </Col>
        </Row>
        {problem ? <Alert type="error" showIcon title={problem} /> : null}
      </Form>
    </Modal>
  );
}

/** 受理终端: the merchant's POS terminals and where they stand; a store registers them before installation. */
export function TerminalsCard({ merchant, terminals, onChanged }: { merchant: Merchant; terminals: Terminal[]; onChanged: () => void }) {
  const { t } = useT();
  const { can } = useMe();
  const [adding, setAdding] = useState(false);
  const editable = can('merchant.write') && merchant.kind === 'store' && !['terminated', 'refused'].includes(merchant.status);
  return (
    <Card
      size="small"
      title={t('mch.terminals.title')}
      extra={editable ? <Button size="small" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="merchant-terminal-add">{t('mch.terminals.add')}</Button> : null}
      data-testid="merchant-terminals"
    >
      <Table<Terminal>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={terminals}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: merchant.kind === 'online' ? t('mch.terminals.online') : t('mch.terminals.none') }}
        columns={[
          { key: 'serial', title: t('mch.terminals.serial'), render: (_, d) => <span style={{ fontFamily: 'monospace' }}>{d.serial}</span> },
          { key: 'model', title: t('mch.terminals.model'), render: (_, d) => d.model },
          { key: 'location', title: t('mch.terminals.location'), render: (_, d) => d.location },
          { key: 'region', title: t('mch.region'), render: (_, d) => <span style={{ fontFamily: 'monospace' }}>{d.region}</span> },
          { key: 'status', title: t('mch.terminals.status'), render: (_, d) => <Tag color={statusColor[d.status]} style={{ marginInlineEnd: 0 }} data-testid={`merchant-terminal-status-${d.serial}`}>{t(`mch.terminals.status.${d.status}`)}</Tag> },
          { key: 'installed', title: t('mch.terminals.installedOn'), render: (_, d) => d.installedOn ?? '—' },
        ]}
      />
      <AddTerminalModal
        merchant={merchant}
        open={adding}
        onClose={() => setAdding(false)}
        onAdded={() => {
          setAdding(false);
          onChanged();
        }}
      />
    </Card>
  );
}
