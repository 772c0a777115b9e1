import { CheckOutlined } from '@ant-design/icons';
import { Alert, App, AutoComplete, Button, Card, Col, Flex, Form, Input, Radio, Row, Select, TreeSelect } from 'antd';
import { useMemo } from 'react';
import { useNavigate } from 'react-router';
import { unitsApi, type Unit } from '../../api/org.api';
import { useMe } from '../../auth/auth';
import { useFormSubmit } from '../../complaints/use-form-submit';
import { useT } from '../../i18n/i18n';
import { PageHeader } from '../../shared/PageHeader';
import { buildUnitTree, type UnitNode } from '../../shared/unit-tree';
import { useRequest } from '../../shared/use-request';
import { COMMON_MCC } from '../mcc';
import { KINDS, merchantsApi, SCALES, TIERS } from '../merchants.api';
import { BeneficialOwnersField, LegalRepresentativeFields } from './PeopleFields';
import { REGISTER_FIELDS, registerBody, type RegisterValues } from './register-body';

type UnitOption = { value: string; title: string; children?: UnitOption[] };

/** The branches as a tree whose values are unit codes (what the server takes as `unitCode`). */
function useUnitOptions(nameOf: (u: Unit) => string): UnitOption[] {
  const units = useRequest((signal) => unitsApi.list(signal), [], { silent: true });
  return useMemo(() => {
    const convert = (node: UnitNode): UnitOption => ({ value: node.code, title: `${nameOf(node)} (${node.code})`, children: node.children?.map(convert) });
    return buildUnitTree((units.data ?? []).filter((u) => u.active)).map(convert);
  }, [units.data, nameOf]);
}

/** 登记商户 (`/merchants/new`, `merchant.write`): the application of a merchant for acquiring, with its people and settlement account. */
export function MerchantRegisterPage() {
  const { t, pick } = useT();
  const me = useMe();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<RegisterValues>();
  const unitOptions = useUnitOptions(pick);
  const { busy, problem, run } = useFormSubmit(form, REGISTER_FIELDS);
  const required = (field: string) => ({ required: true, whitespace: true, message: t('common.required', { field }) });

  const submit = async () => {
    let values: RegisterValues;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    const created = await run(() => merchantsApi.register(registerBody(values)));
    if (!created) return;
    void message.success(t('mch.registered', { code: created.code }));
    navigate(`/merchants/${encodeURIComponent(created.code)}`);
  };

  return (
    <>
      <PageHeader title={t('nav.merchantNew')} section="nav.merchants" />
      <Form<RegisterValues>
        form={form}
        layout="vertical"
        requiredMark
        initialValues={{ kind: 'store', tier: 'standard', unitCode: me.unit.code, legalRepresentative: { idType: 'resident_id' }, beneficialOwners: [] }}
        data-testid="merchant-register-form"
      >
        <Flex vertical gap={16}>
          <Card size="small" title={t('mch.reg.sectionMerchant')}>
            <Row gutter={16}>
              <Col xs={24} lg={12}>
                <Form.Item name="name" label={t('mch.name')} rules={[required(t('mch.name')), { min: 2, max: 200 }]}>
                  <Input maxLength={200} data-testid="merchant-field-name" />
                </Form.Item>
              </Col>
              <Col xs={24} lg={12}>
                <Form.Item name="uscc" label={t('mch.uscc')} tooltip={t('mch.reg.usccHint')} rules={[required(t('mch.uscc')), { len: 18, message: t('mch.reg.usccLength') }]}>
                  <Input maxLength={18} style={{ fontFamily: 'monospace' }} autoComplete="off" data-testid="merchant-field-uscc" />
                </Form.Item>
              </Col>
              <Col xs={24} md={12} lg={6}>
                <Form.Item name="kind" label={t('mch.kindLabel')} rules={[{ required: true }]}>
                  <Radio.Group optionType="button" options={KINDS.map((k) => ({ value: k, label: t(`mch.kind.${k}`) }))} data-testid="merchant-field-kind" />
                </Form.Item>
              </Col>
              <Col xs={24} md={12} lg={6}>
                <Form.Item name="scale" label={t('mch.scaleLabel')} rules={[{ required: true, message: t('common.selectRequired', { field: t('mch.scaleLabel') }) }]}>
                  <Select options={SCALES.map((s) => ({ value: s, label: t(`mch.scale.${s}`) }))} data-testid="merchant-field-scale" />
                </Form.Item>
              </Col>
              <Col xs={24} md={12} lg={6}>
                <Form.Item name="mcc" label={t('mch.mcc')} tooltip={t('mch.reg.mccHint')} rules={[required(t('mch.mcc')), { pattern: /^\d{4}$/, message: t('mch.reg.mccPattern') }]}>
                  <AutoComplete
                    options={COMMON_MCC.map((m) => ({ value: m.code, label: `${m.code} ${pick(m)}${m.high ? ` · ${t('mch.reg.mccHigh')}` : ''}` }))}
                    filterOption={(input, option) => String(option?.label ?? '').toLowerCase().includes(input.toLowerCase())}
                    popupMatchSelectWidth={280}
                  >
                    <Input maxLength={4} data-testid="merchant-field-mcc" />
                  </AutoComplete>
                </Form.Item>
              </Col>
              <Col xs={24} md={12} lg={6}>
                <Form.Item name="region" label={t('mch.region')} tooltip={t('mch.reg.regionHint')} rules={[required(t('mch.region')), { pattern: /^\d{6}$/, message: t('mch.reg.regionPattern') }]}>
                  <Input maxLength={6} style={{ fontFamily: 'monospace' }} data-testid="merchant-field-region" />
                </Form.Item>
              </Col>
              <Col xs={24} lg={12}>
                <Form.Item name="address" label={t('mch.address')} rules={[required(t('mch.address')), { min: 4, max: 300 }]}>
                  <Input maxLength={300} data-testid="merchant-field-address" />
                </Form.Item>
              </Col>
              <Col xs={24} md={12} lg={6}>
                <Form.Item name="unitCode" label={t('mch.branch')} tooltip={t('mch.reg.branchHint')} rules={[{ required: true, message: t('common.selectRequired', { field: t('mch.branch') }) }]}>
                  <TreeSelect treeData={unitOptions} treeDefaultExpandAll showSearch={{ treeNodeFilterProp: 'title' }} popupMatchSelectWidth={280} data-testid="merchant-field-unit" />
                </Form.Item>
              </Col>
              <Col xs={24} md={12} lg={6}>
                <Form.Item name="tier" label={t('mch.tierLabel')}>
                  <Select options={TIERS.map((k) => ({ value: k, label: t(`mch.tier.${k}`) }))} data-testid="merchant-field-tier" />
                </Form.Item>
              </Col>
            </Row>
          </Card>
          <Card size="small" title={t('mch.reg.sectionSettlement')}>
            <Row gutter={16}>
              <Col xs={24} lg={12}>
                <Form.Item name="settlementAccount" label={t('mch.settlementAccount')} tooltip={t('mch.reg.accountHint')} rules={[required(t('mch.settlementAccount')), { pattern: /^\s*[0-9][0-9 ]{11,40}\s*$/, message: t('mch.reg.accountPattern') }]}>
                  <Input maxLength={40} style={{ fontFamily: 'monospace' }} autoComplete="off" data-testid="merchant-field-account" />
                </Form.Item>
              </Col>
              <Col xs={24} md={12} lg={6}>
                <Form.Item name="contactName" label={t('mch.contactName')} rules={[required(t('mch.contactName'))]}>
                  <Input maxLength={100} autoComplete="off" data-testid="merchant-field-contact-name" />
                </Form.Item>
              </Col>
              <Col xs={24} md={12} lg={6}>
                <Form.Item name="contactPhone" label={t('mch.contactPhone')} tooltip={t('mch.reg.phoneHint')} rules={[{ pattern: /^\+?[0-9][0-9 -]{5,19}$/, message: t('mch.reg.phonePattern') }]}>
                  <Input maxLength={20} autoComplete="off" data-testid="merchant-field-contact-phone" />
                </Form.Item>
              </Col>
            </Row>
          </Card>
          <Card size="small" title={t('mch.reg.sectionLegal')}>
            <LegalRepresentativeFields />
          </Card>
          <Card size="small" title={t('mch.reg.sectionOwners')} extra={<span style={{ fontSize: 12, color: 'rgba(0,0,0,0.45)' }}>{t('mch.reg.ownersHint')}</span>}>
            <BeneficialOwnersField />
          </Card>
          {problem ? <Alert type="error" showIcon title={problem} data-testid="merchant-register-error" /> : null}
          <Flex gap={8} justify="end">
            <Button onClick={() => navigate('/merchants')}>{t('common.cancel')}</Button>
            <Button type="primary" icon={<CheckOutlined />} loading={busy} onClick={() => void submit()} data-testid="merchant-submit">{t('mch.reg.submit')}</Button>
          </Flex>
        </Flex>
      </Form>
    </>
  );
}
