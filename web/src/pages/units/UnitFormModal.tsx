import { App, AutoComplete, Form, Input, Modal, Select } from 'antd';
import { useEffect, useState } from 'react';
import { unitKinds, unitsApi, type Unit, type UnitKind, type UnitPatch } from '../../api/org.api';
import { useT } from '../../i18n/i18n';
import { useShowError } from '../../shared/api-errors';
import { useRetained } from '../../shared/use-retained';

export type UnitFormTarget = { mode: 'create'; parent: Unit | null } | { mode: 'edit'; unit: Unit };

type Values = { code: string; nameZh: string; nameEn: string; kind: UnitKind; region: string };
const fields = ['code', 'nameZh', 'nameEn', 'kind', 'region', 'parentId'] as const;

/** The usual kind one level below a parent: head office → region → branch → sub-branch. */
const childKind: Record<UnitKind, UnitKind> = {
  head_office: 'region',
  region: 'branch',
  branch: 'sub_branch',
  sub_branch: 'department',
  department: 'department',
};

type Props = {
  target: UnitFormTarget | null;
  regions: string[];
  onClose: () => void;
  onSaved: () => void;
};

export function UnitFormModal({ target: openTarget, regions, onClose, onSaved }: Props) {
  const target = useRetained(openTarget);
  const { t, pick } = useT();
  const { message } = App.useApp();
  const showError = useShowError();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (!openTarget) return;
    form.resetFields();
    if (openTarget.mode === 'edit') {
      const { code, nameZh, nameEn, kind, region } = openTarget.unit;
      form.setFieldsValue({ code, nameZh, nameEn, kind, region });
    } else {
      form.setFieldsValue({
        kind: openTarget.parent ? childKind[openTarget.parent.kind] : 'head_office',
        region: openTarget.parent?.region ?? '',
      });
    }
  }, [openTarget]);

  const submit = async (v: Values) => {
    if (!target) return;
    setSaving(true);
    const names = { nameZh: v.nameZh.trim(), nameEn: v.nameEn.trim() };
    const region = (v.region ?? '').trim();
    try {
      if (target.mode === 'create') {
        await unitsApi.create({
          code: v.code.trim(),
          ...names,
          kind: v.kind,
          parentId: target.parent?.id ?? null,
          ...(region ? { region } : {}),
        });
        void message.success(t('units.created', { name: pick(names) }));
      } else {
        const u = target.unit;
        const patch: UnitPatch = {};
        if (names.nameZh !== u.nameZh) patch.nameZh = names.nameZh;
        if (names.nameEn !== u.nameEn) patch.nameEn = names.nameEn;
        if (region && region !== u.region) patch.region = region;
        if (Object.keys(patch).length > 0) await unitsApi.update(u.id, patch);
        void message.success(t('units.saved', { name: pick(names) }));
      }
      onSaved();
    } catch (err) {
      showError(err, { form, fields });
    } finally {
      setSaving(false);
    }
  };

  const creating = target?.mode === 'create';
  const parent = target?.mode === 'create' ? target.parent : null;
  const title = !target
    ? ''
    : target.mode === 'edit'
      ? t('units.editTitle', { name: pick(target.unit) })
      : parent ? t('units.createTitle') : t('units.createRoot');
  const kindOptions = unitKinds
    .filter((k) => (parent ? k !== 'head_office' : k === 'head_office'))
    .map((k) => ({ value: k, label: t(`kind.${k}`) }));
  const required = (field: string) => ({ required: true, whitespace: true, message: t('common.required', { field }) });

  return (
    <Modal
      open={openTarget !== null}
      title={title}
      forceRender
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      okButtonProps={{ 'data-testid': 'unit-form-submit' }}
    >
      <Form<Values> form={form} layout="vertical" onFinish={submit}>
        {parent ? (
          <Form.Item label={t('units.parent')}>
            <Input value={`${pick(parent)} (${parent.code})`} disabled />
          </Form.Item>
        ) : null}
        <Form.Item name="code" label={t('units.code')} rules={[required(t('units.code'))]}>
          <Input disabled={!creating} autoComplete="off" data-testid="unit-form-code" />
        </Form.Item>
        <Form.Item name="nameZh" label={t('units.nameZh')} rules={[required(t('units.nameZh'))]}>
          <Input data-testid="unit-form-nameZh" />
        </Form.Item>
        <Form.Item name="nameEn" label={t('units.nameEn')} rules={[required(t('units.nameEn'))]}>
          <Input data-testid="unit-form-nameEn" />
        </Form.Item>
        <Form.Item name="kind" label={t('units.kind')} rules={[{ required: true, message: t('common.selectRequired', { field: t('units.kind') }) }]}>
          <Select options={kindOptions} disabled={!creating} data-testid="unit-form-kind" />
        </Form.Item>
        <Form.Item name="region" label={t('units.region')} extra={t('units.regionHint')}>
          <AutoComplete options={regions.map((r) => ({ value: r }))} data-testid="unit-form-region" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
