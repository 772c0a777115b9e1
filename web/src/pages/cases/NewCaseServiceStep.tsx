import { CheckCircleFilled, SearchOutlined } from '@ant-design/icons';
import { Card, Col, Empty, Flex, Input, Row, Skeleton, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import type { Service } from '../../api/catalog.api';
import type { CustomerKind } from '../../api/customers.api';
import { useMe } from '../../auth/auth';
import { useT } from '../../i18n/i18n';
import { useUnitCatalog } from '../../shared/reference';
import { feeSummary, timeLimitText } from '../catalog/service-display';
import { ServiceDetails } from '../catalog/ServiceDetails';

type Props = {
  services: Service[] | undefined;
  loading: boolean;
  customerKind: CustomerKind;
  selected: Service | null;
  onSelect: (service: Service) => void;
};

/** Codes of my unit and every unit above it: a service offered at a branch is offered below it. */
function useMyUnitCodes(): Set<string> | null {
  const me = useMe();
  const units = useUnitCatalog();
  return useMemo(() => {
    if (units.items.length === 0) return null;
    const codes = new Set<string>();
    let unit = units.byKey.get(me.unit.id);
    for (let guard = 0; unit && guard < 20; guard++) {
      codes.add(unit.code);
      unit = unit.parentId ? units.byKey.get(unit.parentId) : undefined;
    }
    codes.add(me.unit.code);
    return codes;
  }, [units.items, units.byKey, me.unit]);
}

/** Step 2: the services this customer can have here, with what each needs, costs and takes. */
export function NewCaseServiceStep({ services, loading, customerKind, selected, onSelect }: Props) {
  const { t, pick } = useT();
  const [query, setQuery] = useState('');
  const myCodes = useMyUnitCodes();

  const offered = useMemo(() => {
    const q = query.trim().toLowerCase();
    return (services ?? []).filter((s) =>
      s.active &&
      (s.customerType === 'both' || s.customerType === customerKind) &&
      (s.branches.length === 0 || !myCodes || s.branches.some((code) => myCodes.has(code))) &&
      (!q || s.nameZh.toLowerCase().includes(q) || s.nameEn.toLowerCase().includes(q) || s.code.includes(q)));
  }, [services, customerKind, myCodes, query]);

  if (loading && !services) return <Skeleton active />;

  return (
    <Row gutter={24}>
      <Col xs={24} lg={11}>
        <Input prefix={<SearchOutlined />} allowClear value={query} onChange={(e) => setQuery(e.target.value)} placeholder={t('newCase.serviceSearch')} style={{ marginBottom: 12 }} />
        {offered.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('newCase.noServices')} /> : null}
        <Flex vertical gap={8} style={{ maxHeight: 520, overflowY: 'auto', paddingRight: 4 }}>
          {offered.map((s) => {
            const active = selected?.code === s.code;
            return (
              <Card
                key={s.code}
                size="small"
                hoverable
                onClick={() => onSelect(s)}
                style={{ borderColor: active ? '#1d5fbf' : undefined, background: active ? '#f0f5ff' : undefined }}
                data-testid={`newcase-service-${s.code}`}
              >
                <Flex justify="space-between" align="center" gap={8}>
                  <Flex vertical gap={2}>
                    <Flex gap={8} align="center">
                      {active ? <CheckCircleFilled style={{ color: '#1d5fbf' }} /> : null}
                      <Typography.Text strong>{pick(s)}</Typography.Text>
                      <Tag>{t(`svc.category.${s.category}`)}</Tag>
                    </Flex>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {t('newCase.serviceLine', { limit: timeLimitText(t, s.timeLimit), fees: feeSummary(t, s.fees, pick), n: s.materials.length })}
                    </Typography.Text>
                  </Flex>
                </Flex>
              </Card>
            );
          })}
        </Flex>
      </Col>
      <Col xs={24} lg={13}>
        {selected ? (
          <>
            <Typography.Title level={5} style={{ marginTop: 0 }}>{pick(selected)}</Typography.Title>
            <ServiceDetails service={selected} />
          </>
        ) : (
          <Flex align="center" justify="center" style={{ height: '100%', minHeight: 200, border: '1px dashed #d9d9d9', borderRadius: 4 }}>
            <Typography.Text type="secondary">{t('newCase.pickService')}</Typography.Text>
          </Flex>
        )}
      </Col>
    </Row>
  );
}
