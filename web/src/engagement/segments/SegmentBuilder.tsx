import { Alert, App, Button, Card, Col, Drawer, Form, Input, InputNumber, List, Radio, Row, Space, Spin, Switch, Tag, Tooltip, Typography } from 'antd';
import type { TextAreaRef } from 'antd/es/input/TextArea';
import { useEffect, useRef, useState } from 'react';
import { isAbort, isApiError } from '../../api/client';
import { useT } from '../../i18n/i18n';
import { applyFieldErrors, useShowError } from '../../shared/api-errors';
import { useRequest } from '../../shared/use-request';
import { SegmentTag } from '../../pages/customers/segments';
import { changeSegment, createSegment, dryRun, listFacts, type DryRun, type Segment, type SegmentInput } from './segments.api';

/** How long typing must pause before the live count is asked for. */
const DEBOUNCE_MS = 400;
const FIELDS = ['code', 'kind', 'nameZh', 'nameEn', 'rank', 'expression', 'active'];

type LiveCount = { state: 'idle' } | { state: 'counting' } | { state: 'done'; result: DryRun } | { state: 'error'; message: string };

/** The rule's live count as it is typed: a debounced dry run; a rule the server refuses shows its error at the expression. */
function useLiveCount(expression: string): LiveCount {
  const [live, setLive] = useState<LiveCount>({ state: 'idle' });
  useEffect(() => {
    if (!expression.trim()) {
      setLive({ state: 'idle' });
      return;
    }
    const controller = new AbortController();
    setLive({ state: 'counting' });
    const timer = setTimeout(() => {
      dryRun(expression, controller.signal)
        .then((result) => setLive({ state: 'done', result }))
        .catch((error: unknown) => {
          if (isAbort(error)) return;
          const message = isApiError(error) ? (error.errors.find((e) => e.field === '/expression')?.message ?? error.detail ?? error.title) : String(error);
          setLive({ state: 'error', message });
        });
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [expression]);
  return live;
}

function LiveCountCard({ live }: { live: LiveCount }) {
  const { t } = useT();
  return (
    <Card size="small" title={t('seg.live.title')} data-testid="segment-live">
      {live.state === 'counting' ? <Spin size="small" /> : null}
      {live.state === 'done' ? (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Typography.Text strong data-testid="segment-live-count" data-count={live.result.count}>
            {t('seg.live.count', { count: live.result.count, customers: live.result.customers })}
          </Typography.Text>
          <Typography.Text data-testid="segment-live-yours">{t('seg.live.yours', { n: live.result.inYourBranches })}</Typography.Text>
          <Typography.Text type="secondary">{live.result.asOf ? t('seg.live.asOf', { day: live.result.asOf }) : t('seg.live.noFacts')}</Typography.Text>
          {live.result.sample.length ? (
            <List
              size="small"
              header={t('seg.live.sample')}
              dataSource={live.result.sample}
              data-testid="segment-live-sample"
              renderItem={(s) => (
                <List.Item>
                  {s.name} · {s.unitCode} · <SegmentTag code={s.segment} /> · ¥{s.aum}
                </List.Item>
              )}
            />
          ) : null}
        </Space>
      ) : null}
    </Card>
  );
}

/**
 * 分层构建器: names in both languages, kind, rank, the FEEL rule with the facts listed beside it
 * (a click inserts one at the cursor), the live count as the rule is typed, and save — create, or
 * change the version read.
 */
export function SegmentBuilder({ open, segment, onClose, onSaved }: { open: boolean; segment: Segment | null; onClose: () => void; onSaved: () => void }) {
  const { t, lang } = useT();
  const { message } = App.useApp();
  const showError = useShowError();
  const [form] = Form.useForm<SegmentInput>();
  const [saving, setSaving] = useState(false);
  const facts = useRequest((signal) => listFacts(signal), [], { enabled: open });
  const expression = (Form.useWatch('expression', form) as string | undefined) ?? '';
  const live = useLiveCount(open ? expression : '');
  const editor = useRef<TextAreaRef>(null);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(segment ? { code: segment.code, kind: segment.kind, nameZh: segment.nameZh, nameEn: segment.nameEn, rank: segment.rank, expression: segment.expression, active: segment.active } : { kind: 'group', rank: 100, active: true, expression: '' });
  }, [open, segment, form]);

  // the dry run's refusal shows at the expression, where the rule is written
  useEffect(() => {
    form.setFields([{ name: 'expression', errors: live.state === 'error' ? [live.message] : [] }]);
  }, [live, form]);

  const insert = (name: string) => {
    const area = editor.current?.resizableTextArea?.textArea;
    const text = expression;
    const at = area ? area.selectionStart : text.length;
    const end = area ? area.selectionEnd : text.length;
    const before = text.slice(0, at);
    const spaced = `${before && !before.endsWith(' ') ? ' ' : ''}${name} `;
    form.setFieldValue('expression', before + spaced + text.slice(end));
    requestAnimationFrame(() => {
      area?.focus();
      area?.setSelectionRange(at + spaced.length, at + spaced.length);
    });
  };

  const save = async () => {
    const values = await form.validateFields();
    setSaving(true);
    try {
      if (segment) await changeSegment(segment.code, segment.version, { nameZh: values.nameZh, nameEn: values.nameEn, expression: values.expression, rank: values.rank, active: values.active });
      else await createSegment(values);
      void message.success(t('seg.form.saved'));
      onSaved();
    } catch (error) {
      if (isApiError(error) && error.errors.length) {
        const rest = applyFieldErrors(form, error.errors, FIELDS);
        if (rest.length) showError(error);
      } else showError(error);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Drawer
      open={open}
      width={1000}
      onClose={onClose}
      title={segment ? t('seg.form.edit', { name: lang === 'en' ? segment.nameEn : segment.nameZh }) : t('seg.form.create')}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" onClick={() => void save()} loading={saving} data-testid="segment-save">{t('common.save')}</Button>
        </Space>
      }
    >
      <Row gutter={16}>
        <Col xs={24} lg={15}>
          <Form form={form} layout="vertical" requiredMark>
            <Form.Item name="code" label={t('seg.form.code')} extra={t('seg.form.codeHelp')} rules={[{ required: true, pattern: /^[a-z][a-z0-9-]{1,39}$/, message: t('seg.form.codeHelp') }]}>
              <Input disabled={segment !== null} data-testid="segment-code" maxLength={40} />
            </Form.Item>
            <Row gutter={12}>
              <Col span={12}>
                <Form.Item name="nameZh" label={t('seg.form.nameZh')} rules={[{ required: true, min: 2, max: 60, message: t('common.required', { field: t('seg.form.nameZh') }) }]}>
                  <Input data-testid="segment-name-zh" />
                </Form.Item>
              </Col>
              <Col span={12}>
                <Form.Item name="nameEn" label={t('seg.form.nameEn')} rules={[{ required: true, min: 2, max: 100, message: t('common.required', { field: t('seg.form.nameEn') }) }]}>
                  <Input data-testid="segment-name-en" />
                </Form.Item>
              </Col>
            </Row>
            <Row gutter={12}>
              <Col span={12}>
                <Form.Item name="kind" label={t('seg.form.kind')} extra={t('seg.form.kindHelp')}>
                  <Radio.Group disabled={segment !== null} data-testid="segment-kind">
                    <Radio.Button value="group">{t('seg.kind.group')}</Radio.Button>
                    <Radio.Button value="tier">{t('seg.kind.tier')}</Radio.Button>
                  </Radio.Group>
                </Form.Item>
              </Col>
              <Col span={6}>
                <Form.Item name="rank" label={t('seg.form.rank')} rules={[{ required: true }]}>
                  <InputNumber min={0} max={1000} precision={0} data-testid="segment-rank" />
                </Form.Item>
              </Col>
              <Col span={6}>
                <Form.Item name="active" label={t('seg.form.active')} valuePropName="checked">
                  <Switch data-testid="segment-active" />
                </Form.Item>
              </Col>
            </Row>
            <Form.Item name="expression" label={t('seg.form.expression')} extra={t('seg.form.expressionHelp')} rules={[{ required: true, message: t('common.required', { field: t('seg.form.expression') }) }]}>
              <Input.TextArea ref={editor} rows={4} spellCheck={false} style={{ fontFamily: 'monospace' }} data-testid="segment-expression" maxLength={2000} />
            </Form.Item>
          </Form>
          <LiveCountCard live={live} />
        </Col>
        <Col xs={24} lg={9}>
          <Card size="small" title={t('seg.facts')} extra={<Typography.Text type="secondary">{t('seg.facts.insert')}</Typography.Text>} styles={{ body: { maxHeight: 560, overflow: 'auto', padding: 8 } }}>
            {facts.error ? <Alert type="error" message={String(facts.error)} /> : null}
            <List
              size="small"
              loading={facts.loading}
              dataSource={facts.data?.items ?? []}
              renderItem={(f) => (
                <List.Item style={{ cursor: 'pointer' }} onClick={() => insert(f.name)} data-testid={`segment-fact-${f.name}`}>
                  <Tooltip title={lang === 'en' ? f.en : f.zh} placement="left">
                    <Space direction="vertical" size={0}>
                      <Space size={4}>
                        <Typography.Text code>{f.name}</Typography.Text>
                        <Tag>{f.type}</Tag>
                      </Space>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>{lang === 'en' ? f.en : f.zh}</Typography.Text>
                    </Space>
                  </Tooltip>
                </List.Item>
              )}
            />
          </Card>
        </Col>
      </Row>
    </Drawer>
  );
}
