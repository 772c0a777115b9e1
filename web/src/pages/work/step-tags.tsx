import { ApartmentOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { Tag, Tooltip } from 'antd';
import { useMemo } from 'react';
import { workApi } from '../../api/work.api';
import { useT } from '../../i18n/i18n';
import { useRequest } from '../../shared/use-request';

/** Names of qualifications by code; codes are shown while loading or when unknown. */
export function useQualificationNames(): (code: string) => string {
  const { pick } = useT();
  const { data } = useRequest((signal) => workApi.qualifications(signal), [], { silent: true });
  return useMemo(() => {
    const byCode = new Map((data ?? []).map((q) => [q.code, q]));
    return (code: string) => {
      const q = byCode.get(code);
      return q ? pick(q) : code;
    };
  }, [data, pick]);
}

/** A role key as staff call it (the built-in roles have names here; others show their key). */
export function useRoleLabel(): (key: string) => string {
  const { t, has } = useT();
  return (key: string) => {
    const label = `work.role.${key}`;
    return has(label) ? t(label) : key;
  };
}

/** Pool (集中作业) and required-qualification tags of a step. */
export function StepTags({ pool, qualification, qualificationName }: { pool: string | null; qualification: string | null; qualificationName: (code: string) => string }) {
  const { t, has } = useT();
  const poolKey = `work.pool.${pool ?? ''}`;
  return (
    <>
      {pool ? (
        <Tooltip title={t('work.poolHint')}>
          <Tag icon={<ApartmentOutlined />} color="geekblue">{has(poolKey) ? t(poolKey) : pool}</Tag>
        </Tooltip>
      ) : null}
      {qualification ? (
        <Tooltip title={t('work.qualificationHint')}>
          <Tag icon={<SafetyCertificateOutlined />} color="gold">{qualificationName(qualification)}</Tag>
        </Tooltip>
      ) : null}
    </>
  );
}

/** High (above normal), normal, or low priority; the number stays in the tooltip. */
export function PriorityTag({ priority }: { priority: number | null }) {
  const { t } = useT();
  if (priority === null) return <span>—</span>;
  const level = priority > 50 ? 'high' : priority < 50 ? 'low' : 'normal';
  const color = level === 'high' ? 'volcano' : level === 'low' ? 'default' : 'blue';
  return (
    <Tooltip title={t('work.priorityValue', { n: priority })}>
      <Tag color={color} variant="outlined">{t(`work.priority.${level}`)}</Tag>
    </Tooltip>
  );
}
