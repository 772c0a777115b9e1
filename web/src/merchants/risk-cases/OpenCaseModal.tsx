import { Alert, App, Form, Input, Modal, Select, Typography } from 'antd';
import { useFormSubmit } from '../../complaints/use-form-submit';
import { useT } from '../../i18n/i18n';
import type { AlertItem } from '../merchants.api';
import { kindKey } from './risk-case-display';
import { RISK_CASE_KINDS, riskCasesApi, type RiskCaseKind } from './risk-case.api';

const FIELDS = ['merchantId', 'alertId', 'kind', 'description'] as const;
type Values = { merchantId?: string; kind?: RiskCaseKind; description: string };

type Props = {
  open: boolean;
  /** The alert the case comes from: the merchant is the alert's, the kind the rule's suggestion unless chosen. */
  alert?: AlertItem | null;
  /** The merchant a report is about (its code), when opened from the merchant's page. */
  merchantCode?: string;
  onClose: () => void;
  onOpened: (ref: string) => void;
};

/**
 * Opens a risk case (登记风险事件): from an alert (acknowledged and linked to the case) or as a
 * report on a merchant. The server starts the process `merchantRiskCase`; its faults land on
 * their fields.
 */
export function OpenCaseModal({ open, alert = null, merchantCode, onClose, onOpened }: Props) {
  const { t, pick } = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const { busy, problem, run } = useFormSubmit(form, FIELDS);
  const fixedMerchant = alert?.merchant.code ?? merchantCode;

  const submit = async () => {
    let values: Values;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    const opened = await run(() =>
      riskCasesApi.open({
        ...(alert ? { alertId: alert.id } : { merchantId: (fixedMerchant ?? values.merchantId ?? '').trim() }),
        ...(values.kind ? { kind: values.kind } : {}),
        description: values.description.trim(),
      }),
    );
    if (!opened) return;
    void message.success(t('mch.case.openedMsg', { ref: opened.ref }));
    form.resetFields();
    onOpened(opened.ref);
  };

  return (
    <Modal
      open={open}
      title={alert ? t('mch.case.fromAlertTitle') : t('mch.case.reportTitle')}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('mch.case.openSubmit')}
      okButtonProps={{ loading: busy, 'data-testid': 'risk-case-open-submit' }}
      destroyOnHidden
    >
      {alert ? (
        <Typography.Paragraph type="secondary">
          {alert.merchant.code} {alert.merchant.name} · {pick(alert.rule)}
        </Typography.Paragraph>
      ) : fixedMerchant ? (
        <Typography.Paragraph type="secondary">{fixedMerchant}</Typography.Paragraph>
      ) : null}
      <Form form={form} layout="vertical" preserve={false}>
        {fixedMerchant ? null : (
          <Form.Item name="merchantId" label={t('mch.case.merchant')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('mch.case.merchant') }) }]}>
            <Input placeholder={t('mch.alertBoard.merchantPlaceholder')} maxLength={100} data-testid="risk-case-merchant" />
          </Form.Item>
        )}
        <Form.Item
          name="kind"
          label={t('mch.case.kindCol')}
          extra={alert ? t('mch.case.kindFromRule') : undefined}
          rules={alert ? [] : [{ required: true, message: t('common.required', { field: t('mch.case.kindCol') }) }]}
        >
          <Select
            allowClear={Boolean(alert)}
            placeholder={alert ? t('mch.case.kindSuggested') : undefined}
            options={RISK_CASE_KINDS.filter((k) => !alert || k !== 'rectification').map((k) => ({ value: k, label: t(kindKey(k)) }))}
            data-testid="risk-case-kind"
          />
        </Form.Item>
        <Form.Item
          name="description"
          label={t('mch.case.description')}
          rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('mch.case.description') }) }, { min: 2, message: t('mch.alertBoard.noteShort') }]}
        >
          <Input.TextArea rows={4} maxLength={2000} showCount placeholder={t('mch.case.descriptionPlaceholder')} data-testid="risk-case-description" />
        </Form.Item>
      </Form>
      {problem ? <Alert type="error" showIcon title={problem} /> : null}
    </Modal>
  );
}
