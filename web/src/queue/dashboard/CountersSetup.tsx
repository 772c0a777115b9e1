import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Form, InputNumber, Modal, Select, Table, Tag, Typography, type TableProps } from 'antd';
import { useEffect, useState } from 'react';
import { useT } from '../../i18n/i18n';
import { useShowError } from '../../shared/api-errors';
import { counterKinds, queueStaffApi, type BranchQueue, type CounterKind, type QueueCounter } from '../queue.api';
import { CounterStatusTag } from '../staff/queue-tags';

type Values = { number: number; kind: CounterKind; categories: string[] };
type Editing = { values: Values; isNew: boolean } | null;
const FIELDS = ['number', 'kind', 'categories'] as const;

/** 窗口: each counter's kind and the categories it calls, its first category preferred. */
export function CountersSetup({ setup, editable, onSaved }: { setup: BranchQueue; editable: boolean; onSaved: () => void }) {
  const { t, pick } = useT();
  const [editing, setEditing] = useState<Editing>(null);
  const categoryName = (code: string) => {
    const found = setup.categories.find((c) => c.code === code);
    return found ? `${code} ${pick(found)}` : code;
  };
  const nextNumber = Math.max(0, ...setup.counters.map((c) => c.number)) + 1;

  const columns: TableProps<QueueCounter>['columns'] = [
    { key: 'number', title: t('queue.counter'), render: (_, c) => <Typography.Text strong>{t('queue.counterN', { n: c.number })}</Typography.Text> },
    { key: 'kind', title: t('queue.setup.kind'), render: (_, c) => t(`queue.counterKind.${c.kind}`) },
    { key: 'categories', title: t('queue.setup.counterCategories'), render: (_, c) => c.categories.map((code, i) => <Tag key={code} color={i === 0 ? 'blue' : undefined}>{categoryName(code)}</Tag>) },
    { key: 'status', title: t('queue.col.status'), render: (_, c) => <CounterStatusTag status={c.status} /> },
    ...(editable ? [{ key: 'edit', title: t('common.actions'), render: (_: unknown, c: QueueCounter) => <Button size="small" icon={<EditOutlined />} onClick={() => setEditing({ values: { number: c.number, kind: c.kind, categories: c.categories }, isNew: false })} data-testid={`setup-counter-edit-${c.number}`}>{t('common.edit')}</Button> }] : []),
  ];

  return (
    <Card size="small" title={t('queue.setup.counters')} data-testid="setup-counters"
      extra={editable ? <Button icon={<PlusOutlined />} onClick={() => setEditing({ values: { number: nextNumber, kind: 'non_cash', categories: [] }, isNew: true })}>{t('queue.setup.addCounter')}</Button> : null}>
      <Table<QueueCounter> rowKey="id" size="small" pagination={false} columns={columns} dataSource={setup.counters} scroll={{ x: 'max-content' }} />
      <CounterModal editing={editing} setup={setup} onClose={() => setEditing(null)} onSaved={() => { setEditing(null); onSaved(); }} />
    </Card>
  );
}

function CounterModal({ editing, setup, onClose, onSaved }: { editing: Editing; setup: BranchQueue; onClose: () => void; onSaved: () => void }) {
  const { t, pick } = useT();
  const { message } = App.useApp();
  const showError = useShowError();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    if (editing) form.setFieldsValue(editing.values);
  }, [editing, form]);
  const taken = setup.counters.map((c) => c.number);

  const save = async (values: Values) => {
    const number = editing?.isNew ? values.number : editing!.values.number;
    setSaving(true);
    try {
      await queueStaffApi.putCounter(setup.branch.code, number, { kind: values.kind, categories: values.categories });
      void message.success(t('queue.setup.counterSaved', { n: number }));
      onSaved();
    } catch (error) {
      showError(error, { form, fields: FIELDS });
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal open={editing !== null} title={editing?.isNew ? t('queue.setup.addCounter') : t('queue.setup.editCounter', { n: editing?.values.number ?? '' })}
      onCancel={onClose} onOk={() => form.submit()} confirmLoading={saving} okText={t('common.save')} cancelText={t('common.cancel')} destroyOnHidden forceRender>
      <Form<Values> form={form} layout="vertical" onFinish={(v) => void save(v)}>
        <Form.Item name="number" label={t('queue.setup.counterNumber')}
          rules={[
            { required: true, message: t('common.required', { field: t('queue.setup.counterNumber') }) },
            { validator: (_, v: number) => (editing?.isNew && taken.includes(v) ? Promise.reject(new Error(t('queue.setup.numberTaken'))) : Promise.resolve()) },
          ]}>
          <InputNumber min={1} max={999} precision={0} disabled={!editing?.isNew} style={{ width: 120 }} />
        </Form.Item>
        <Form.Item name="kind" label={t('queue.setup.kind')} rules={[{ required: true, message: t('common.selectRequired', { field: t('queue.setup.kind') }) }]}>
          <Select options={counterKinds.map((k) => ({ value: k, label: t(`queue.counterKind.${k}`) }))} style={{ width: 200 }} />
        </Form.Item>
        <Form.Item name="categories" label={t('queue.setup.counterCategories')} extra={t('queue.setup.counterCategoriesHint')} rules={[{ required: true, type: 'array', min: 1, message: t('common.selectRequired', { field: t('queue.setup.counterCategories') }) }]}>
          <Select mode="multiple" options={setup.categories.filter((c) => c.active).map((c) => ({ value: c.code, label: `${c.code} · ${pick(c)}` }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
