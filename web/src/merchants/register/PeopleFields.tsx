import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Col, Flex, Form, Input, InputNumber, Row, Select, Typography } from 'antd';
import { useT } from '../../i18n/i18n';
import { PERSON_ID_TYPES } from '../merchants.api';
import { MAX_OWNERS, totalShare, type RegisterValues } from './register-body';

type NamePrefix = (string | number)[];

/** Name, document type and number of one person; `prefix` is where the person sits in the form. */
function PersonRow({ prefix, testPrefix }: { prefix: NamePrefix; testPrefix: string }) {
  const { t } = useT();
  return (
    <>
      <Col xs={24} md={7}>
        <Form.Item name={[...prefix, 'name']} label={t('mch.person.name')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('mch.person.name') }) }]}>
          <Input maxLength={100} autoComplete="off" data-testid={`${testPrefix}-name`} />
        </Form.Item>
      </Col>
      <Col xs={24} md={6}>
        <Form.Item name={[...prefix, 'idType']} label={t('mch.person.idType')} rules={[{ required: true }]}>
          <Select options={PERSON_ID_TYPES.map((k) => ({ value: k, label: t(`mch.idType.${k}`) }))} data-testid={`${testPrefix}-idtype`} />
        </Form.Item>
      </Col>
      <Col xs={24} md={7}>
        <Form.Item
          name={[...prefix, 'idNumber']}
          label={t('mch.person.idNumber')}
          rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('mch.person.idNumber') }) }, { min: 5, max: 30, message: t('mch.person.idNumberLength') }]}
        >
          <Input maxLength={30} autoComplete="off" style={{ fontFamily: 'monospace' }} data-testid={`${testPrefix}-idnumber`} />
        </Form.Item>
      </Col>
    </>
  );
}

/** The legal representative (法定代表人): one person, required. */
export function LegalRepresentativeFields() {
  return (
    <Row gutter={12}>
      <PersonRow prefix={['legalRepresentative']} testPrefix="merchant-legal" />
    </Row>
  );
}

/**
 * The beneficial owners (受益所有人) with their shares, added and removed one by one; their total
 * share is shown against 100% and checked before sending (the server checks it too).
 */
export function BeneficialOwnersField() {
  const { t } = useT();
  const owners = Form.useWatch('beneficialOwners') as RegisterValues['beneficialOwners'];
  const total = totalShare(owners);
  return (
    <Form.List
      name="beneficialOwners"
      rules={[{ validator: async (_, rows: RegisterValues['beneficialOwners']) => (totalShare(rows) > 100 ? Promise.reject(new Error(t('mch.owners.over100', { total: totalShare(rows) }))) : undefined) }]}
    >
      {(rows, { add, remove }, { errors }) => (
        <Flex vertical gap={4}>
          {rows.length === 0 ? <Typography.Text type="secondary">{t('mch.owners.none')}</Typography.Text> : null}
          {rows.map((row, index) => (
            <Row key={row.key} gutter={12} align="bottom" data-testid={`merchant-owner-${index}`}>
              <PersonRow prefix={[row.name]} testPrefix={`merchant-owner-${index}`} />
              <Col xs={16} md={3}>
                <Form.Item
                  name={[row.name, 'share']}
                  label={t('mch.owners.share')}
                  rules={[{ required: true, message: t('common.required', { field: t('mch.owners.share') }) }, { type: 'number', min: 0.01, max: 100, message: t('mch.owners.shareRange') }]}
                >
                  <InputNumber min={0} max={100} precision={2} suffix="%" style={{ width: '100%' }} data-testid={`merchant-owner-${index}-share`} />
                </Form.Item>
              </Col>
              <Col xs={8} md={1}>
                <Form.Item label=" " colon={false}>
                  <Button icon={<DeleteOutlined />} onClick={() => remove(row.name)} aria-label={t('common.delete')} data-testid={`merchant-owner-${index}-remove`} />
                </Form.Item>
              </Col>
            </Row>
          ))}
          <Flex align="center" gap={16} wrap>
            <Button icon={<PlusOutlined />} size="small" disabled={rows.length >= MAX_OWNERS} onClick={() => add({ idType: 'resident_id' })} data-testid="merchant-owner-add">
              {t('mch.owners.add', { n: rows.length, max: MAX_OWNERS })}
            </Button>
            {rows.length > 0 ? (
              <Typography.Text type={total > 100 ? 'danger' : 'secondary'} data-testid="merchant-owner-total">{t('mch.owners.total', { total })}</Typography.Text>
            ) : null}
          </Flex>
          <Form.ErrorList errors={errors} />
        </Flex>
      )}
    </Form.List>
  );
}
