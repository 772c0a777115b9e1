import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Checkbox, Col, Divider, Form, Input, InputNumber, Row, Select, Space, Switch, Typography } from 'antd';
import type { FormInstance } from 'antd';
import { channels, customerTypes, moneyPattern, serviceCategories, timeUnits } from '../../api/catalog.api';
import { useT } from '../../i18n/i18n';
import type { ServiceFormValues } from './service-form';

type Props = {
  form: FormInstance<ServiceFormValues>;
  creating: boolean;
  unitOptions: { value: string; label: string }[];
  processOptions: { value: string; label: string }[] | null;
  onFinish: (values: ServiceFormValues) => void;
};

const rowBox = { border: '1px solid #f0f0f0', borderRadius: 4, padding: '12px 12px 0', marginBottom: 8, background: '#fcfcfd' };

/** The fields of a service definition, with the materials and fees as lists that grow and shrink. */
export function ServiceForm({ form, creating, unitOptions, processOptions, onFinish }: Props) {
  const { t } = useT();
  const required = (field: string) => ({ required: true, whitespace: true, message: t('common.required', { field }) });

  return (
    <Form<ServiceFormValues> form={form} layout="vertical" onFinish={onFinish} data-testid="service-form" scrollToFirstError>
      <Row gutter={16}>
        {creating ? (
          <Col span={12}>
            <Form.Item name="code" label={t('catalog.code')} extra={t('catalog.codeHint')}
              rules={[required(t('catalog.code')), { pattern: /^[a-z][a-z0-9-]{1,59}$/, message: t('catalog.codeInvalid') }]}>
              <Input autoComplete="off" data-testid="service-code" />
            </Form.Item>
          </Col>
        ) : (
          <Col span={12}>
            <Form.Item name="active" label={t('catalog.active')} valuePropName="checked" extra={t('catalog.withdrawHint')}>
              <Switch checkedChildren={t('catalog.onOffer')} unCheckedChildren={t('catalog.withdrawnTag')} data-testid="service-active" />
            </Form.Item>
          </Col>
        )}
        <Col span={12} />
        <Col span={12}>
          <Form.Item name="nameZh" label={t('catalog.nameZh')} rules={[required(t('catalog.nameZh'))]}>
            <Input maxLength={100} data-testid="service-nameZh" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="nameEn" label={t('catalog.nameEn')} rules={[required(t('catalog.nameEn'))]}>
            <Input maxLength={100} data-testid="service-nameEn" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="category" label={t('catalog.category')}>
            <Select options={serviceCategories.map((c) => ({ value: c, label: t(`svc.category.${c}`) }))} data-testid="service-category" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="customerType" label={t('catalog.customerType')}>
            <Select options={customerTypes.map((c) => ({ value: c, label: t(`svc.customerType.${c}`) }))} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item label={t('svc.timeLimit')} required extra={t('catalog.timeLimitHint')}>
            <Space.Compact>
              <Form.Item name={['timeLimit', 'amount']} noStyle rules={[{ required: true, message: t('common.required', { field: t('svc.timeLimit') }) }]}>
                <InputNumber min={0} max={3650} precision={0} style={{ width: 110 }} data-testid="service-time-amount" />
              </Form.Item>
              <Form.Item name={['timeLimit', 'unit']} noStyle>
                <Select style={{ width: 150 }} options={timeUnits.map((u) => ({ value: u, label: t(`svc.unit.${u}`) }))} data-testid="service-time-unit" />
              </Form.Item>
            </Space.Compact>
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="channels" label={t('svc.channels')} rules={[{ required: true, type: 'array', min: 1, message: t('catalog.channelsRequired') }]}>
            <Checkbox.Group options={channels.map((c) => ({ value: c, label: t(`svc.channel.${c}`) }))} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="branches" label={t('catalog.branches')} extra={t('catalog.branchesHint')}>
            <Select mode="multiple" allowClear options={unitOptions} showSearch={{ optionFilterProp: 'label' }} placeholder={t('catalog.allBranches')} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="processKey" label={t('catalog.processKey')} extra={t('catalog.processHint')}>
            {processOptions ? (
              <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={processOptions} placeholder={t('svc.atCounter')} data-testid="service-process" />
            ) : (
              <Input allowClear placeholder={t('svc.atCounter')} data-testid="service-process" />
            )}
          </Form.Item>
        </Col>
      </Row>

      <Divider titlePlacement="start">{t('svc.materials')}</Divider>
      <Form.List name="materials">
        {(fields, { add, remove }) => (
          <>
            {fields.length === 0 ? <Typography.Paragraph type="secondary">{t('svc.noMaterials')}</Typography.Paragraph> : null}
            {fields.map((field, index) => (
              <div key={field.key} style={rowBox} data-testid={`service-material-${index}`}>
                <Row gutter={12}>
                  <Col span={9}>
                    <Form.Item name={[field.name, 'nameZh']} label={t('catalog.materialZh', { n: index + 1 })} rules={[required(t('catalog.nameZh'))]}>
                      <Input maxLength={100} />
                    </Form.Item>
                  </Col>
                  <Col span={9}>
                    <Form.Item name={[field.name, 'nameEn']} label={t('catalog.materialEn')} rules={[required(t('catalog.nameEn'))]}>
                      <Input maxLength={100} />
                    </Form.Item>
                  </Col>
                  <Col span={4}>
                    <Form.Item name={[field.name, 'required']} label={t('svc.required')} valuePropName="checked">
                      <Switch size="small" />
                    </Form.Item>
                  </Col>
                  <Col span={2} style={{ textAlign: 'right', paddingTop: 30 }}>
                    <Button type="text" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} onClick={() => remove(field.name)} />
                  </Col>
                  <Col span={12}>
                    <Form.Item name={[field.name, 'validityZh']} label={t('catalog.validityZh')}>
                      <Input maxLength={300} placeholder={t('catalog.validityPlaceholder')} />
                    </Form.Item>
                  </Col>
                  <Col span={12}>
                    <Form.Item name={[field.name, 'validityEn']} label={t('catalog.validityEn')}>
                      <Input maxLength={300} />
                    </Form.Item>
                  </Col>
                </Row>
              </div>
            ))}
            <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add({ nameZh: '', nameEn: '', required: true })} disabled={fields.length >= 50} data-testid="service-material-add">
              {t('catalog.addMaterial')}
            </Button>
          </>
        )}
      </Form.List>

      <Divider titlePlacement="start">{t('svc.fees')}</Divider>
      <Form.List name="fees">
        {(fields, { add, remove }) => (
          <>
            {fields.length === 0 ? <Typography.Paragraph type="secondary">{t('catalog.noFees')}</Typography.Paragraph> : null}
            {fields.map((field, index) => (
              <div key={field.key} style={rowBox} data-testid={`service-fee-${index}`}>
                <Row gutter={12}>
                  <Col span={8}>
                    <Form.Item name={[field.name, 'nameZh']} label={t('catalog.feeZh', { n: index + 1 })} rules={[required(t('catalog.nameZh'))]}>
                      <Input maxLength={100} />
                    </Form.Item>
                  </Col>
                  <Col span={8}>
                    <Form.Item name={[field.name, 'nameEn']} label={t('catalog.feeEn')} rules={[required(t('catalog.nameEn'))]}>
                      <Input maxLength={100} />
                    </Form.Item>
                  </Col>
                  <Col span={6}>
                    <Form.Item name={[field.name, 'amount']} label={t('catalog.feeAmount')}
                      rules={[required(t('catalog.feeAmount')), { pattern: moneyPattern, message: t('catalog.amountInvalid') }]}>
                      <Input prefix="¥" inputMode="decimal" placeholder="0.00" data-testid={`service-fee-amount-${index}`} />
                    </Form.Item>
                  </Col>
                  <Col span={2} style={{ textAlign: 'right', paddingTop: 30 }}>
                    <Button type="text" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} onClick={() => remove(field.name)} />
                  </Col>
                  <Col span={12}>
                    <Form.Item name={[field.name, 'conditionZh']} label={t('catalog.conditionZh')}>
                      <Input maxLength={300} placeholder={t('catalog.conditionPlaceholder')} />
                    </Form.Item>
                  </Col>
                  <Col span={12}>
                    <Form.Item name={[field.name, 'conditionEn']} label={t('catalog.conditionEn')}>
                      <Input maxLength={300} />
                    </Form.Item>
                  </Col>
                </Row>
              </div>
            ))}
            <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add({ nameZh: '', nameEn: '', amount: '0.00' })} disabled={fields.length >= 20} data-testid="service-fee-add">
              {t('catalog.addFee')}
            </Button>
          </>
        )}
      </Form.List>
    </Form>
  );
}
