import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Form, Input, Modal, Select, Switch, Table, Tag, Typography, type TableProps } from 'antd';
import { useEffect, useState } from 'react';
import { catalogApi } from '../../api/catalog.api';
import { useT } from '../../i18n/i18n';
import { useShowError } from '../../shared/api-errors';
import { useRequest } from '../../shared/use-request';
import { queueStaffApi, type BranchQueue, type QueueCategory } from '../queue.api';

type Editing = { category: QueueCategory; isNew: boolean } | null;
const FIELDS = ['code', 'nameZh', 'nameEn', 'serviceCodes', 'active'] as const;

/** 业务类别: what the kiosk offers, each taking some catalogue services (a case's service finds its queue). */
export function CategoriesSetup({ setup, editable, onSaved }: { setup: BranchQueue; editable: boolean; onSaved: () => void }) {
  const { t, pick } = useT();
  const services = useRequest((signal) => catalogApi.list(signal), [], { silent: true });
  const [editing, setEditing] = useState<Editing>(null);
  const serviceName = (code: string) => {
    const found = services.data?.find((s) => s.code === code);
    return found ? pick(found) : code;
  };

  const columns: TableProps<QueueCategory>['columns'] = [
    { key: 'code', title: t('queue.setup.code'), render: (_, c) => <Typography.Text strong>{c.code}</Typography.Text> },
    { key: 'nameZh', title: t('queue.setup.nameZh'), dataIndex: 'nameZh' },
    { key: 'nameEn', title: t('queue.setup.nameEn'), dataIndex: 'nameEn' },
    { key: 'services', title: t('queue.setup.services'), render: (_, c) => (c.serviceCodes.length ? c.serviceCodes.map((s) => <Tag key={s}>{serviceName(s)}</Tag>) : <Typography.Text type="secondary">{t('queue.setup.noServices')}</Typography.Text>) },
    { key: 'active', title: t('queue.col.status'), render: (_, c) => (c.active ? <Tag color="green">{t('queue.setup.active')}</Tag> : <Tag>{t('queue.setup.inactive')}</Tag>) },
    ...(editable ? [{ key: 'edit', title: t('common.actions'), render: (_: unknown, c: QueueCategory) => <Button size="small" icon={<EditOutlined />} onClick={() => setEditing({ category: c, isNew: false })} data-testid={`setup-category-edit-${c.code}`}>{t('common.edit')}</Button> }] : []),
  ];

  return (
    <Card size="small" title={t('queue.setup.categories')} data-testid="setup-categories"
      extra={editable ? <Button icon={<PlusOutlined />} onClick={() => setEditing({ category: { code: '', nameZh: '', nameEn: '', serviceCodes: [], active: true }, isNew: true })}>{t('queue.setup.addCategory')}</Button> : null}>
      <Table<QueueCategory> rowKey="code" size="small" pagination={false} columns={columns} dataSource={setup.categories} scroll={{ x: 'max-content' }} />
      <CategoryModal editing={editing} branch={setup.branch.code} taken={setup.categories.map((c) => c.code)} serviceOptions={(services.data ?? []).filter((s) => s.active).map((s) => ({ value: s.code, label: pick(s) }))}
        onClose={() => setEditing(null)} onSaved={() => { setEditing(null); onSaved(); }} />
    </Card>
  );
}

type ModalProps = { editing: Editing; branch: string; taken: string[]; serviceOptions: { value: string; label: string }[]; onClose: () => void; onSaved: () => void };

function CategoryModal({ editing, branch, taken, serviceOptions, onClose, onSaved }: ModalProps) {
  const { t } = useT();
  const { message } = App.useApp();
  const showError = useShowError();
  const [form] = Form.useForm<QueueCategory>();
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    if (editing) form.setFieldsValue(editing.category);
  }, [editing, form]);

  const save = async (values: QueueCategory) => {
    setSaving(true);
    try {
      await queueStaffApi.putCategory(branch, { ...values, code: editing?.isNew ? values.code : editing!.category.code });
      void message.success(t('queue.setup.categorySaved', { code: values.code ?? editing?.category.code ?? '' }));
      onSaved();
    } catch (error) {
      showError(error, { form, fields: FIELDS });
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal open={editing !== null} title={editing?.isNew ? t('queue.setup.addCategory') : t('queue.setup.editCategory', { code: editing?.category.code ?? '' })}
      onCancel={onClose} onOk={() => form.submit()} confirmLoading={saving} okText={t('common.save')} cancelText={t('common.cancel')} destroyOnHidden forceRender>
      <Form<QueueCategory> form={form} layout="vertical" onFinish={(v) => void save(v)}>
        <Form.Item name="code" label={t('queue.setup.code')} extra={t('queue.setup.codeHint')}
          rules={[
            { required: true, message: t('common.required', { field: t('queue.setup.code') }) },
            { pattern: /^[A-Z]{1,2}$/, message: t('queue.setup.codeHint') },
            { validator: (_, v: string) => (editing?.isNew && taken.includes(v) ? Promise.reject(new Error(t('queue.setup.codeTaken'))) : Promise.resolve()) },
          ]}>
          <Input disabled={!editing?.isNew} maxLength={2} style={{ width: 100 }} onChange={(e) => form.setFieldValue('code', e.target.value.toUpperCase())} />
        </Form.Item>
        <Form.Item name="nameZh" label={t('queue.setup.nameZh')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('queue.setup.nameZh') }) }]}>
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item name="nameEn" label={t('queue.setup.nameEn')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('queue.setup.nameEn') }) }]}>
          <Input maxLength={80} />
        </Form.Item>
        <Form.Item name="serviceCodes" label={t('queue.setup.services')} extra={t('queue.setup.servicesHint')}>
          <Select mode="multiple" options={serviceOptions} optionFilterProp="label" allowClear />
        </Form.Item>
        <Form.Item name="active" label={t('queue.setup.activeLabel')} valuePropName="checked" extra={t('queue.setup.activeHint')}>
          <Switch />
        </Form.Item>
      </Form>
    </Modal>
  );
}
