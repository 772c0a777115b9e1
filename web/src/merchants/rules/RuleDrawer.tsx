import { SaveOutlined } from '@ant-design/icons';
import { Alert, App, Button, Col, Divider, Drawer, Flex, Form, Input, Row, Select, Switch, Tag, Tooltip, Typography } from 'antd';
import { useEffect } from 'react';
import { useFormSubmit } from '../../complaints/use-form-submit';
import { useT } from '../../i18n/i18n';
import { figureLabel } from '../merchant-display';
import { merchantsApi, SEVERITIES, type Rule, type RuleChange, type Severity } from '../merchants.api';
import { DryRunPanel } from './DryRunPanel';

type RuleValues = { nameZh: string; nameEn: string; expression: string; severity: Severity; active: boolean };
const RULE_FIELDS = ['nameZh', 'nameEn', 'expression', 'severity', 'active'] as const;

/** The names a condition may use: the day's figures and ratios, and the baseline of each (`.mean`, `.sd`). */
const NAMES = ['count', 'amount', 'refunds', 'chargebacks', 'declined', 'nightShare', 'cnpShare', 'foreignShare', 'maxAmount', 'nearLimitCount', 'outsideRegionCount', 'chargebackRatio', 'refundRatio', 'declineRatio', 'averageAmount', 'baseline.days'];

type Props = { rule: Rule | null; editable: boolean; onClose: () => void; onSaved: (rule: Rule) => void };

/**
 * A rule's condition, severity and switch, edited in a drawer: the server checks the condition
 * when it is saved and its fault appears on the field; the dry run tries the condition as typed.
 */
export function RuleDrawer({ rule, editable, onClose, onSaved }: Props) {
  const { t, pick } = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<RuleValues>();
  const save = useFormSubmit(form, RULE_FIELDS);
  const dry = useFormSubmit(form, RULE_FIELDS);

  useEffect(() => {
    if (rule) form.setFieldsValue({ nameZh: rule.nameZh, nameEn: rule.nameEn, expression: rule.expression, severity: rule.severity, active: rule.active });
  }, [rule, form]);

  const submit = async () => {
    if (!rule) return;
    let values: RuleValues;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    const change: RuleChange = { version: rule.version };
    if (values.nameZh.trim() !== rule.nameZh) change.nameZh = values.nameZh.trim();
    if (values.nameEn.trim() !== rule.nameEn) change.nameEn = values.nameEn.trim();
    if (values.expression.trim() !== rule.expression) change.expression = values.expression.trim();
    if (values.severity !== rule.severity) change.severity = values.severity;
    if (values.active !== rule.active) change.active = values.active;
    if (Object.keys(change).length === 1) {
      void message.info(t('mch.rules.unchanged'));
      return;
    }
    const saved = await save.run(() => merchantsApi.changeRule(rule.code, change));
    if (!saved) return;
    void message.success(t('mch.rules.saved', { code: saved.code, version: saved.version }));
    onSaved(saved);
  };

  const runDry = async (from: string, to: string) => {
    try {
      await form.validateFields(['expression']);
    } catch {
      return undefined;
    }
    return dry.run(() => merchantsApi.dryRun({ expression: String(form.getFieldValue('expression')).trim(), from, to }));
  };

  return (
    <Drawer
      open={rule !== null}
      size={640}
      onClose={onClose}
      destroyOnHidden
      title={rule ? <span>{pick(rule)} <Typography.Text type="secondary" style={{ fontFamily: 'monospace', fontWeight: 400 }}>{rule.code} · v{rule.version}</Typography.Text></span> : null}
      extra={editable ? <Button type="primary" icon={<SaveOutlined />} loading={save.busy} onClick={() => void submit()} data-testid="rule-save">{t('common.save')}</Button> : null}
      data-testid="rule-drawer"
    >
      {!editable ? <Alert type="info" showIcon title={t('mch.rules.readOnly')} style={{ marginBottom: 16 }} /> : null}
      <Form form={form} layout="vertical" onValuesChange={() => save.clearProblem()} data-testid="rule-form">
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item name="nameZh" label={t('mch.rules.nameZh')} rules={[{ required: true, whitespace: true, min: 2, max: 60 }]}>
              <Input maxLength={60} disabled={!editable} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="nameEn" label={t('mch.rules.nameEn')} rules={[{ required: true, whitespace: true, min: 2, max: 100 }]}>
              <Input maxLength={100} disabled={!editable} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          name="expression"
          label={t('mch.rules.expression')}
          tooltip={t('mch.rules.expressionHint')}
          rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('mch.rules.expression') }) }]}
          extra={
            <Flex gap={4} wrap style={{ marginTop: 6 }}>
              {NAMES.map((name) => (
                <Tooltip key={name} title={figureLabel(t, name)}>
                  <Tag style={{ marginInlineEnd: 0, fontFamily: 'monospace', fontSize: 11 }}>{name}</Tag>
                </Tooltip>
              ))}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('mch.rules.baselineHint')}</Typography.Text>
            </Flex>
          }
        >
          <Input.TextArea rows={4} maxLength={2000} style={{ fontFamily: 'monospace' }} data-testid="rule-expression" />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={12}>
            <Form.Item name="severity" label={t('mch.alerts.severity')} rules={[{ required: true }]}>
              <Select options={SEVERITIES.map((s) => ({ value: s, label: t(`mch.severity.${s}`) }))} disabled={!editable} data-testid="rule-severity" />
            </Form.Item>
          </Col>
          <Col xs={12}>
            <Form.Item name="active" label={t('mch.rules.active')} valuePropName="checked">
              <Switch disabled={!editable} data-testid="rule-active" />
            </Form.Item>
          </Col>
        </Row>
      </Form>
      {save.problem ? <Alert type="error" showIcon title={save.problem} data-testid="rule-error" /> : null}
      <Divider titlePlacement="start">{t('mch.dry.title')}</Divider>
      <DryRunPanel onRun={runDry} busy={dry.busy} />
    </Drawer>
  );
}
