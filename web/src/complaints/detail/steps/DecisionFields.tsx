import { Col, Form, Input, Radio, Row } from 'antd';
import { moneyPattern } from '../../../api/catalog.api';
import { useT } from '../../../i18n/i18n';
import { outcomes } from '../../complaints.api';

/**
 * A decision: outcome, the text the complainant will receive, compensation in yuan ("0" when
 * none). Under `prefix` (e.g. `decision` in a review) so that server errors find the fields.
 */
export function DecisionFields({ prefix, testIdPrefix }: { prefix?: string; testIdPrefix: string }) {
  const { t } = useT();
  const name = (field: string) => (prefix ? [prefix, field] : field);
  return (
    <>
      <Form.Item name={name('outcome')} label={t('complaint.outcomeLabel')} rules={[{ required: true, message: t('common.selectRequired', { field: t('complaint.outcomeLabel') }) }]}>
        <Radio.Group optionType="button" buttonStyle="solid" data-testid={`${testIdPrefix}-outcome`}
          options={outcomes.map((o) => ({ value: o, label: <span data-testid={`${testIdPrefix}-outcome-${o}`}>{t(`complaint.outcome.${o}`)}</span> }))} />
      </Form.Item>
      <Form.Item name={name('text')} label={t('complaintStep.decisionText')} extra={t('complaintStep.decisionTextHint')}
        rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('complaintStep.decisionText') }) }, { min: 5, message: t('complaintIntake.tooShort', { n: 5 }) }]}>
        <Input.TextArea rows={4} maxLength={4000} showCount data-testid={`${testIdPrefix}-text`} />
      </Form.Item>
      <Row>
        <Col xs={24} md={10}>
          <Form.Item name={name('compensation')} label={t('complaint.compensationYuan')} extra={t('complaintStep.compensationHint')}
            normalize={(v: string) => v?.replace(/[,，\s¥]/g, '')}
            rules={[{ required: true, message: t('common.required', { field: t('complaint.compensationYuan') }) }, { pattern: moneyPattern, message: t('complaintStep.moneyInvalid') }]}>
            <Input prefix="¥" inputMode="decimal" autoComplete="off" data-testid={`${testIdPrefix}-compensation`} />
          </Form.Item>
        </Col>
      </Row>
    </>
  );
}
