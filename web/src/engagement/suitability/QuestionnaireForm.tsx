import { Radio, Space, Typography } from 'antd';
import { useT } from '../../i18n/i18n';
import type { Localized, Questionnaire } from '../products/products.api';

type Props = {
  questionnaire: Questionnaire;
  answers: Record<string, string>;
  onChange: (answers: Record<string, string>) => void;
  /** Question ids the server refused, with its message. */
  errors?: Record<string, string>;
  /** Prefix of the data-testid of each question (`<prefix>-q-<id>`) and option (`<prefix>-<id>-<option>`). */
  testId: string;
  disabled?: boolean;
};

/** The questions of the risk-tolerance questionnaire, one choice each: at the counter and in the portal alike. */
export function QuestionnaireForm({ questionnaire, answers, onChange, errors = {}, testId, disabled }: Props) {
  const { lang } = useT();
  const text = (l: Localized) => (lang === 'zh-CN' ? l.zh : l.en);
  return (
    <ol className="bl-questionnaire" style={{ paddingInlineStart: 20, margin: 0 }}>
      {questionnaire.questions.map((q) => (
        <li key={q.id} style={{ marginBottom: 16 }} data-testid={`${testId}-q-${q.id}`}>
          <Typography.Text strong>{text(q)}</Typography.Text>
          <Radio.Group value={answers[q.id]} disabled={disabled} onChange={(e) => onChange({ ...answers, [q.id]: String(e.target.value) })} style={{ display: 'block', marginTop: 6 }}>
            <Space direction="vertical">
              {q.options.map((o) => (
                <Radio key={o.id} value={o.id} data-testid={`${testId}-${q.id}-${o.id}`}>
                  {text(o)}
                </Radio>
              ))}
            </Space>
          </Radio.Group>
          {errors[q.id] ? <Typography.Text type="danger">{errors[q.id]}</Typography.Text> : null}
        </li>
      ))}
    </ol>
  );
}

/** Which questions are still unanswered. */
export const unanswered = (q: Questionnaire, answers: Record<string, string>) => q.questions.filter((x) => !answers[x.id]).map((x) => x.id);

/** Server field errors `/answers/<question>` by question id. */
export function answerErrors(errors: readonly { field: string; message: string }[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of errors) {
    const m = /^\/answers\/([^/]+)/.exec(e.field);
    if (m?.[1]) out[m[1]] = e.message;
  }
  return out;
}
