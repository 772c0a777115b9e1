import { App, type FormInstance } from 'antd';
import { useCallback, useState } from 'react';
import { ApiError, isApiError, type FieldProblem } from '../api/client';
import { useT } from '../i18n/i18n';
import { useShowError } from '../shared/api-errors';

type NamePath = (string | number)[];

/**
 * Where a problem's JSON pointer (`/complainant/name`, `/representatives/2/phone`, `/decision/text`)
 * lands in a form whose field names follow the request body: the whole path when the form has
 * it (`*` in `fields` stands for a list index), else its last segment, else its first.
 */
export function fieldPathOf(pointer: string, fields: readonly string[]): NamePath | null {
  const segments = pointer.replace(/^\//, '').split('/').filter(Boolean).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (segments.length === 0) return null;
  const matches = (pattern: string) => {
    const parts = pattern.split('.');
    return parts.length === segments.length && parts.every((p, i) => p === segments[i] || (p === '*' && /^\d+$/.test(segments[i] ?? '')));
  };
  if (fields.some(matches)) return segments.map((s) => (/^\d+$/.test(s) ? Number(s) : s));
  const last = segments[segments.length - 1] ?? '';
  if (fields.includes(last)) return [last];
  const first = segments[0] ?? '';
  if (fields.includes(first)) return [first];
  return null;
}

/**
 * Runs a form's request: busy while it runs; a problem's field errors appear under the fields,
 * its `detail` both as a message and in `problem` (for an alert inside the panel).
 */
export function useFormSubmit(form: FormInstance | null, fields: readonly string[]) {
  const { t } = useT();
  const { message } = App.useApp();
  const showError = useShowError();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const run = useCallback(
    async <T>(call: () => Promise<T>): Promise<T | undefined> => {
      setBusy(true);
      setProblem(null);
      try {
        return await call();
      } catch (error) {
        if (!isApiError(error)) {
          showError(error);
          return undefined;
        }
        const rest: FieldProblem[] = [];
        const placed = new Map<string, { name: NamePath; errors: string[] }>();
        for (const p of error.errors) {
          const name = form ? fieldPathOf(p.field, fields) : null;
          if (!name) {
            rest.push(p);
            continue;
          }
          const key = name.join('.');
          placed.set(key, { name, errors: [...(placed.get(key)?.errors ?? []), p.message] });
        }
        if (form && placed.size) form.setFields([...placed.values()]);
        if (error.status !== 401) setProblem([error.detail || error.title, ...rest.map((p) => p.message)].filter(Boolean).join(' ') || null);
        if (placed.size && rest.length === 0) void message.error(error.detail || t('error.checkFields'));
        else showError(new ApiError(error.status, { type: error.type, title: error.title, detail: error.detail, errors: rest }));
        return undefined;
      } finally {
        setBusy(false);
      }
    },
    [form, fields, message, showError, t],
  );

  return { busy, problem, clearProblem: () => setProblem(null), run };
}
