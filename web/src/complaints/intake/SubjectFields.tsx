import { AutoComplete, Col, Form, Input, Row, Select } from 'antd';
import { useMemo } from 'react';
import { catalogApi } from '../../api/catalog.api';
import { useMe } from '../../auth/auth';
import { useT } from '../../i18n/i18n';
import { useUnitCatalog } from '../../shared/reference';
import { useRequest } from '../../shared/use-request';
import { subjectTypes, type SubjectType } from '../complaints.api';
import { UserPicker } from '../UserPicker';

/** What the complaint is about: a case by reference, a queue ticket, a product, a staff member, a branch, or nothing in particular. */
export function SubjectFields({ type }: { type: SubjectType }) {
  const { t, pick } = useT();
  const { can } = useMe();
  const services = useRequest((signal) => catalogApi.list(signal), [], { silent: true, enabled: type === 'product' });
  const units = useUnitCatalog(type === 'branch' && can('org.unit.read'));
  const serviceOptions = useMemo(() => (services.data ?? []).map((s) => ({ value: s.code, label: `${pick(s)} · ${s.code}` })), [services.data, pick]);
  const unitOptions = useMemo(() => units.items.map((u) => ({ value: u.code, label: `${u.code} · ${pick(u)}` })), [units.items, pick]);
  const required = { required: true, whitespace: true, message: t('common.required', { field: t(`complaintIntake.subjectRef.${type}`) }) };

  return (
    <Row gutter={12}>
      <Col xs={24} md={8}>
        <Form.Item name={['subject', 'type']} label={t('complaintIntake.subjectType')} rules={[{ required: true }]}>
          <Select options={subjectTypes.map((s) => ({ value: s, label: t(`complaint.subjectType.${s}`) }))} data-testid="complaint-subject-type" />
        </Form.Item>
      </Col>
      {type === 'none' ? null : (
        <Col xs={24} md={16}>
          <Form.Item
            name={['subject', 'ref']}
            label={t(`complaintIntake.subjectRef.${type}`)}
            rules={[required]}
            normalize={type === 'case' || type === 'ticket' || type === 'branch' ? (v: string) => v?.toUpperCase() : undefined}
            extra={type === 'case' ? t('complaintIntake.caseRefHint') : undefined}
          >
            {type === 'product' ? (
              <Select showSearch={{ optionFilterProp: 'label' }} options={serviceOptions} loading={services.loading} data-testid="complaint-subject-ref" />
            ) : type === 'staff' ? (
              <UserPicker testId="complaint-subject-ref" placeholder={t('complaintIntake.staffPlaceholder')} />
            ) : type === 'branch' ? (
              <AutoComplete options={unitOptions} filterOption={(input, o) => (o?.label ?? '').toLowerCase().includes(input.toLowerCase())} data-testid="complaint-subject-ref" />
            ) : (
              <Input maxLength={100} autoComplete="off" style={{ fontFamily: 'monospace' }} placeholder={t(`complaintIntake.subjectPlaceholder.${type}`)} data-testid="complaint-subject-ref" />
            )}
          </Form.Item>
        </Col>
      )}
    </Row>
  );
}
