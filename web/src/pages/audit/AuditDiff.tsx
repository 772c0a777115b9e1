import { Col, Row, Typography, theme } from 'antd';
import { useT } from '../../i18n/i18n';

type Block = { key: string | null; text: string };

const isRecord = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Pretty JSON cut into one block per top-level key, so changed keys can be marked. */
function blocks(value: unknown): Block[] {
  if (!isRecord(value)) return [{ key: null, text: JSON.stringify(value, null, 2) }];
  const entries = Object.entries(value);
  return [
    { key: null, text: '{' },
    ...entries.map(([k, v], i) => ({
      key: k,
      text: `  ${JSON.stringify(k)}: ${JSON.stringify(v, null, 2).replace(/\n/g, '\n  ')}${i < entries.length - 1 ? ',' : ''}`,
    })),
    { key: null, text: '}' },
  ];
}

/** Top-level keys whose values differ; for non-objects, nothing to list. */
export function changedKeys(before: unknown, after: unknown): string[] {
  if (!isRecord(before) || !isRecord(after)) return [];
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].filter((k) => !same(before[k], after[k]));
}

function Side({ title, value, changed, tone }: { title: string; value: unknown; changed: Set<string>; tone: string }) {
  const { t } = useT();
  const { token } = theme.useToken();
  const empty = value === null || value === undefined;
  return (
    <>
      <Typography.Text strong>{title}</Typography.Text>
      <pre
        style={{
          margin: '6px 0 0',
          padding: 12,
          background: token.colorFillQuaternary,
          border: `1px solid ${token.colorBorderSecondary}`,
          borderRadius: token.borderRadius,
          fontSize: 12,
          lineHeight: 1.6,
          maxHeight: 360,
          overflow: 'auto',
          whiteSpace: 'pre-wrap',
          wordBreak: 'break-all',
        }}
      >
        {empty ? (
          <Typography.Text type="secondary">{t('audit.nothing')}</Typography.Text>
        ) : (
          blocks(value).map((b, i) => (
            <div key={i} style={b.key !== null && changed.has(b.key) ? { background: tone } : undefined}>
              {b.text}
            </div>
          ))
        )}
      </pre>
    </>
  );
}

/** Before and after of one audit entry, side by side, changed top-level fields highlighted. */
export function AuditDiff({ before, after }: { before: unknown; after: unknown }) {
  const { t } = useT();
  const { token } = theme.useToken();
  const changed = changedKeys(before, after);
  const set = new Set(changed);
  return (
    <div data-testid="audit-diff">
      {changed.length > 0 ? (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
          {t('audit.changedFields', { fields: changed.join(', ') })}
        </Typography.Paragraph>
      ) : null}
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Side title={t('audit.before')} value={before} changed={set} tone={token.colorErrorBg} />
        </Col>
        <Col xs={24} md={12}>
          <Side title={t('audit.after')} value={after} changed={set} tone={token.colorSuccessBg} />
        </Col>
      </Row>
    </div>
  );
}
