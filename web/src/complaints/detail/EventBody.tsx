import { Flex, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useT } from '../../i18n/i18n';
import { formatMoney } from '../../pages/catalog/service-display';
import { formatDateTime } from '../../shared/format';
import { formatBytes, PriorityTag, useLabel } from '../complaint-display';
import type { SetupView } from '../use-complaint-setup';

/** Free text of an event, shown as a paragraph rather than as a field. */
const PROSE = new Set(['text', 'note', 'comment', 'finding', 'staffIssue', 'action', 'decisionNote', 'doneNote', 'reasonText']);
/** Internal keys nobody at the counter needs to read. */
const HIDDEN = /(^id$|Id$|^version$|^sha256$)/;

type Row = { key: string; node: ReactNode };
/** The order fields are read in (the server keeps no order): what was decided first, then the particulars. */
const ORDER = ['channel', 'regulatorRef', 'suggestion', 'category', 'categoryCode', 'cause', 'causeCode', 'priority', 'corrected', 'handler', 'method', 'outcome', 'compensation', 'decision', 'response', 'reason', 'days', 'step', 'dueAt', 'action', 'owner', 'dueDate', 'processKey', 'stepId', 'fileName', 'sizeBytes'];
const rank = (key: string) => {
  const i = ORDER.indexOf(key);
  return i < 0 ? ORDER.length : i;
};

/**
 * The body of a timeline event, whatever its kind: known fields in words (categories by name,
 * money in yuan, dates, methods and outcomes translated), free text as paragraphs, anything
 * else as it came.
 */
export function EventBody({ body, setup }: { body: Record<string, unknown>; setup: SetupView }) {
  const { t, has } = useT();
  const label = useLabel();

  const value = (key: string, v: unknown): ReactNode => {
    if (v === null || v === undefined || v === '') return null;
    if (key === 'representatives' && v === 0) return null;
    if (typeof v === 'boolean') return v ? t('complaint.yes') : t('complaint.no');
    if (Array.isArray(v)) return v.length ? v.map(String).join(', ') : null;
    if (key === 'suggestion' && typeof v === 'object') {
      const sg = v as { category?: string | null; cause?: string | null; priority?: string; handlingLevel?: string };
      return [setup.categoryName(sg.category ?? null), setup.categoryName(sg.cause ?? null), label('complaint.priority', sg.priority), label('complaint.level', sg.handlingLevel)].join(' · ');
    }
    if (typeof v === 'object') {
      const nested = v as Record<string, unknown>;
      return <EventBody body={nested} setup={setup} />;
    }
    const s = String(v);
    switch (key) {
      case 'categoryCode': case 'causeCode': case 'category': case 'cause': case 'fromCategory': case 'fromCause':
        return setup.categoryName(s);
      case 'priority':
        return s === 'normal' || s === 'high' || s === 'urgent' ? <PriorityTag priority={s} /> : s;
      case 'compensation':
        return formatMoney(s);
      case 'method': return label('complaint.method', s);
      case 'outcome': return label('complaint.outcome', s);
      case 'decision': return label('complaint.approvalDecision', s);
      case 'response': return label('complaint.response', s);
      case 'reason': return label('complaint.decline', s);
      case 'kind': return label('complaint.eventKind', s);
      case 'channel': return label('complaint.channel', s);
      case 'level': case 'handlingLevel': return label('complaint.level', s);
      case 'sizeBytes': return typeof v === 'number' ? formatBytes(v) : s;
      case 'days': return t('complaint.nDays', { n: s });
      case 'dueAt': case 'newDueAt': case 'previousDueAt': case 'currentDueAt': case 'at': case 'receivedAt':
        return formatDateTime(s);
      default: return s;
    }
  };

  const prose: string[] = [];
  const rows: Row[] = [];
  for (const [key, v] of Object.entries(body)) {
    if (HIDDEN.test(key)) continue;
    const freeReason = key === 'reason' && typeof v === 'string' && !has(`complaint.decline.${v}`);
    if ((PROSE.has(key) || freeReason) && typeof v === 'string' && v.trim()) {
      prose.push(v);
      continue;
    }
    const node = value(key, v);
    if (node !== null && node !== undefined) rows.push({ key, node });
  }
  rows.sort((a, b) => rank(a.key) - rank(b.key));
  if (!rows.length && !prose.length) return null;
  const fieldName = (key: string) => {
    const k = `complaint.field.${key}`;
    return has(k) ? t(k) : key;
  };

  return (
    <Flex vertical gap={2}>
      {rows.length ? (
        <Flex gap={4} wrap style={{ columnGap: 12 }}>
          {rows.map((r) => (
            <span key={r.key} style={{ fontSize: 13 }}>
              <Typography.Text type="secondary">{fieldName(r.key)}: </Typography.Text>
              {r.node}
            </span>
          ))}
        </Flex>
      ) : null}
      {prose.map((p, i) => (
        <Typography.Paragraph key={i} style={{ whiteSpace: 'pre-wrap', margin: 0, fontSize: 13 }} ellipsis={{ rows: 4, expandable: 'collapsible' }}>{p}</Typography.Paragraph>
      ))}
    </Flex>
  );
}
