import { Alert, App, AutoComplete, Col, Form, Input, Modal, Row, Select } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { ApiError, isApiError } from '../../api/client';
import { useFormSubmit } from '../../complaints/use-form-submit';
import { useT } from '../../i18n/i18n';
import { merchantsApi } from '../merchants.api';
import { REQUEST_CHANNELS, REQUEST_KINDS, serviceApi, type NewServiceRequest, type ServiceRequest } from '../service.api';

/** The form's fields are the request's, so a problem's pointer (`/kind`, `/description`) lands on its field. */
const FIELDS = ['merchantId', 'kind', 'channel', 'description'] as const;
const SEARCH_DELAY_MS = 250;

type Props = {
  open: boolean;
  /** A merchant code to start with (from the merchant view). */
  merchantCode?: string;
  onClose: () => void;
  onCreated: (request: ServiceRequest) => void;
};

/**
 * 登记服务请求: the merchant (its code, suggested as typed), the kind, how the merchant reached
 * the bank, and what is wrong. The clocks come from the merchant's tier on the server.
 */
export function NewRequestModal({ open, merchantCode, onClose, onCreated }: Props) {
  const { t } = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<NewServiceRequest>();
  const { busy, problem, clearProblem, run } = useFormSubmit(form, FIELDS);
  const [suggestions, setSuggestions] = useState<{ value: string; label: string }[]>([]);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  useEffect(() => {
    if (open) form.setFieldsValue({ merchantId: merchantCode, channel: 'phone' });
  }, [open, merchantCode, form]);
  useEffect(() => () => clearTimeout(timer.current), []);

  const search = (text: string) => {
    clearTimeout(timer.current);
    if (text.trim().length < 2) return setSuggestions([]);
    timer.current = setTimeout(() => {
      merchantsApi
        .list({ q: text.trim(), limit: 8, offset: 0 })
        .then((page) => setSuggestions(page.items.map((m) => ({ value: m.code, label: `${m.code} ${m.name}` }))))
        .catch(() => setSuggestions([]));
    }, SEARCH_DELAY_MS);
  };

  const submit = async () => {
    let values: NewServiceRequest;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    const body = { ...values, merchantId: values.merchantId.trim().toUpperCase(), description: values.description.trim() };
    const created = await run(async () => {
      try {
        return await serviceApi.openRequest(body);
      } catch (error) {
        // the server names no field when it does not know the merchant: its message belongs on the merchant field
        if (isApiError(error) && error.status === 404) throw new ApiError(404, { type: error.type, title: error.title, detail: error.detail, errors: [{ field: '/merchantId', message: error.detail ?? error.title }] });
        throw error;
      }
    });
    if (!created) return;
    void message.success(t('mch.req.created', { ref: created.ref }));
    form.resetFields();
    onCreated(created);
  };

  return (
    <Modal
      open={open}
      title={t('mch.req.newTitle')}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('mch.req.create')}
      okButtonProps={{ loading: busy, 'data-testid': 'request-new-submit' }}
      width={600}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onValuesChange={clearProblem} data-testid="request-new-form">
        <Form.Item name="merchantId" label={t('mch.req.merchant')} tooltip={t('mch.req.merchantHint')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('mch.req.merchant') }) }]}>
          <AutoComplete options={suggestions} showSearch={{ onSearch: search, filterOption: false }} popupMatchSelectWidth={360}>
            <Input maxLength={100} placeholder={t('mch.req.merchantPlaceholder')} data-testid="request-new-merchant" />
          </AutoComplete>
        </Form.Item>
        <Row gutter={12}>
          <Col xs={24} sm={14}>
            <Form.Item name="kind" label={t('mch.req.kind')} rules={[{ required: true, message: t('common.selectRequired', { field: t('mch.req.kind') }) }]}>
              <Select options={REQUEST_KINDS.map((k) => ({ value: k, label: t(`mch.req.kind.${k}`) }))} placeholder={t('mch.req.kindPlaceholder')} data-testid="request-new-kind" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={10}>
            <Form.Item name="channel" label={t('mch.req.channel')} rules={[{ required: true }]}>
              <Select options={REQUEST_CHANNELS.map((c) => ({ value: c, label: t(`mch.req.channel.${c}`) }))} data-testid="request-new-channel" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          name="description"
          label={t('mch.req.description')}
          rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('mch.req.description') }) }, { min: 2, message: t('mch.req.noteShort') }]}
        >
          <Input.TextArea rows={4} maxLength={2000} showCount placeholder={t('mch.req.descriptionPlaceholder')} data-testid="request-new-description" />
        </Form.Item>
      </Form>
      {/* a fault the server named on a field shows there; anything else here */}
      {problem && !form.getFieldsError().some((f) => f.errors.length > 0) ? <Alert type="error" showIcon title={problem} data-testid="request-new-error" /> : null}
    </Modal>
  );
}
