import { Alert, App, Button, Drawer, Flex, Form, Skeleton, Tabs } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { catalogApi, type Service } from '../../api/catalog.api';
import { isApiError } from '../../api/client';
import { processApi } from '../../api/process.api';
import { useMe } from '../../auth/auth';
import { useT } from '../../i18n/i18n';
import { useShowError } from '../../shared/api-errors';
import { useUnitCatalog } from '../../shared/reference';
import { useRequest } from '../../shared/use-request';
import { useRetained } from '../../shared/use-retained';
import { definitionFromForm, emptyService, formValuesOf, splitProblems, type ServiceFormValues } from './service-form';
import { localLabel } from './service-display';
import { ServiceForm } from './ServiceForm';
import { ServiceVersions } from './ServiceVersions';

export type EditorTarget = { mode: 'create' } | { mode: 'edit'; code: string };

type Props = { target: EditorTarget | null; onClose: () => void; onSaved: (service: Service) => void };

/** Adds a service, or saves a new version of one (optimistic locking: a 409 offers a reload). */
export function ServiceEditorDrawer({ target: openTarget, onClose, onSaved }: Props) {
  const target = useRetained(openTarget);
  const { t, pick, lang } = useT();
  const me = useMe();
  const { message } = App.useApp();
  const showError = useShowError();
  const [form] = Form.useForm<ServiceFormValues>();
  const [service, setService] = useState<Service | null>(null);
  const [loading, setLoading] = useState(false);
  const [saving, setSaving] = useState(false);
  const [conflict, setConflict] = useState(false);
  const [problems, setProblems] = useState<string[]>([]);
  const [generation, setGeneration] = useState(0);
  const [tab, setTab] = useState('definition');
  const topRef = useRef<HTMLDivElement>(null);
  // A conflict or a list of problems is announced at the top of the drawer: bring it into view.
  useEffect(() => {
    if (conflict || problems.length > 0) topRef.current?.scrollIntoView({ block: 'start', behavior: 'smooth' });
  }, [conflict, problems]);

  const units = useUnitCatalog(openTarget !== null && me.can('org.unit.read'));
  const processes = useRequest((signal) => processApi.definitions({ latest: true }, signal), [], { enabled: openTarget !== null && me.can('process.read'), silent: true });
  const unitOptions = useMemo(() => units.items.map((u) => ({ value: u.code, label: `${pick(u)} (${u.code})` })), [units.items, pick]);
  const processOptions = useMemo(
    () => (processes.data ? processes.data.items.map((p) => ({ value: p.key, label: `${localLabel(p.name, lang) || p.key} (${p.key})` })) : null),
    [processes.data, lang],
  );

  // Each opening starts clean; editing loads a fresh copy so that `version` is current.
  useEffect(() => {
    if (!openTarget) return;
    setConflict(false);
    setProblems([]);
    setService(null);
    setTab('definition');
    form.resetFields();
    if (openTarget.mode === 'create') {
      form.setFieldsValue(emptyService);
      return;
    }
    let cancelled = false;
    setLoading(true);
    catalogApi
      .list()
      .then((items) => {
        if (cancelled) return;
        const fresh = items.find((s) => s.code === openTarget.code) ?? null;
        setService(fresh);
        if (fresh) form.setFieldsValue(formValuesOf(fresh));
      })
      .catch((err: unknown) => !cancelled && showError(err))
      .finally(() => !cancelled && setLoading(false));
    return () => {
      cancelled = true;
    };
    // Only a new opening or an explicit reload fetches; a language switch must not wipe the form.
  }, [openTarget, generation]);

  const submit = async (values: ServiceFormValues) => {
    setSaving(true);
    setProblems([]);
    const definition = definitionFromForm(values);
    try {
      const saved = target?.mode === 'create'
        ? await catalogApi.create(values.code.trim(), definition)
        : await catalogApi.change(service!.code, service!.version, definition, values.active);
      void message.success(t(target?.mode === 'create' ? 'catalog.created' : 'catalog.saved', { name: pick(saved), version: saved.version }));
      onSaved(saved);
    } catch (err) {
      if (isApiError(err) && err.status === 409 && err.type.endsWith('version_conflict')) {
        setConflict(true);
      } else if (isApiError(err) && err.status === 409 && target?.mode === 'create') {
        form.setFields([{ name: 'code', errors: [err.detail ?? t('catalog.codeTaken')] }]);
      } else if (isApiError(err) && err.status === 400 && err.errors.length > 0) {
        const { fields, rest } = splitProblems(err.errors);
        form.setFields(fields as Parameters<typeof form.setFields>[0]);
        setProblems(rest.map((p) => `${p.field}: ${p.message}`));
        setTab('definition');
        void message.error(t('error.checkFields'));
      } else {
        showError(err);
      }
    } finally {
      setSaving(false);
    }
  };

  const creating = target?.mode === 'create';
  const title = creating ? t('catalog.createTitle') : t('catalog.editTitle', { name: service ? pick(service) : target?.mode === 'edit' ? target.code : '', version: service?.version ?? '' });

  return (
    <Drawer
      open={openTarget !== null}
      onClose={onClose}
      size={880}
      forceRender
      title={title}
      footer={
        <Flex justify="flex-end" gap={8}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={saving} disabled={(!creating && !service) || conflict} onClick={() => form.submit()} data-testid="service-save">
            {creating ? t('catalog.createSubmit') : t('catalog.saveVersion')}
          </Button>
        </Flex>
      }
      data-testid="service-editor"
    >
      <div ref={topRef} />
      {conflict ? (
        <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t('catalog.conflictTitle')} description={t('catalog.conflict')}
          action={<Button size="small" type="primary" onClick={() => setGeneration((n) => n + 1)} data-testid="service-reload">{t('common.reload')}</Button>} />
      ) : null}
      {problems.length > 0 ? (
        <Alert type="error" showIcon style={{ marginBottom: 16 }} title={t('error.checkFields')}
          description={<ul style={{ margin: 0, paddingInlineStart: 20 }}>{problems.map((p) => <li key={p}>{p}</li>)}</ul>} />
      ) : null}
      {loading ? <Skeleton active paragraph={{ rows: 10 }} /> : null}
      <div style={loading ? { display: 'none' } : undefined}>
        {creating ? (
          <ServiceForm form={form} creating unitOptions={unitOptions} processOptions={processOptions} onFinish={(v) => void submit(v)} />
        ) : (
          <Tabs
            activeKey={tab}
            onChange={setTab}
            items={[
              {
                key: 'definition',
                label: t('catalog.tabDefinition'),
                forceRender: true,
                children: <ServiceForm form={form} creating={false} unitOptions={unitOptions} processOptions={processOptions} onFinish={(v) => void submit(v)} />,
              },
              ...(service
                ? [{ key: 'versions', label: <span data-testid="service-tab-versions">{t('catalog.tabVersions')}</span>, children: <ServiceVersions code={service.code} generation={generation} /> }]
                : []),
            ]}
          />
        )}
      </div>
    </Drawer>
  );
}
