import { App, type FormInstance } from 'antd';
import { useCallback } from 'react';
import { isAbort, isApiError, type FieldProblem } from '../api/client';
import { useT } from '../i18n/i18n';

/**
 * Turns a problem's field name into a form field name. The server may send a JSON pointer
 * (`/username`, `/roles/0`) or a plain name (`username`); nested pointers land on their
 * top-level field, which is how our forms are laid out.
 */
export function formFieldOf(field: string): string {
  const withoutSlash = field.startsWith('/') ? field.slice(1) : field;
  const first = withoutSlash.split('/')[0] ?? '';
  return first.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** Sets field errors on `form` for the problems it has fields for; returns the rest. */
export function applyFieldErrors(
  form: FormInstance,
  errors: readonly FieldProblem[],
  knownFields: readonly string[],
): FieldProblem[] {
  const byField = new Map<string, string[]>();
  const rest: FieldProblem[] = [];
  for (const problem of errors) {
    const name = formFieldOf(problem.field);
    if (!knownFields.includes(name)) {
      rest.push(problem);
      continue;
    }
    byField.set(name, [...(byField.get(name) ?? []), problem.message]);
  }
  form.setFields([...byField].map(([name, messages]) => ({ name, errors: messages })));
  return rest;
}

export type ShowErrorOptions = {
  /** With `fields`, validation problems appear under the matching form fields. */
  form?: FormInstance;
  fields?: readonly string[];
  /** Replaces the server's text for a status (e.g. 409 on an optimistic-lock conflict). */
  byStatus?: Partial<Record<number, string>>;
};

/**
 * Shows an error the way every page does: field problems on the form, everything else
 * as a message with the server's `detail`. A 401 is not shown: the session guard already
 * takes the user to the login page.
 */
export function useShowError(): (error: unknown, options?: ShowErrorOptions) => void {
  const { message } = App.useApp();
  const { t } = useT();

  return useCallback(
    (error: unknown, options: ShowErrorOptions = {}) => {
      if (isAbort(error)) return;
      if (!isApiError(error)) {
        console.error(error);
        void message.error(t('error.unexpected'));
        return;
      }
      if (error.status === 401) return;
      const override = options.byStatus?.[error.status];
      if (override) {
        void message.error(override);
        return;
      }
      if (error.status === 0) {
        void message.error(t('error.network'));
        return;
      }
      let rest = error.errors;
      if (options.form && options.fields && error.errors.length > 0) {
        rest = applyFieldErrors(options.form, error.errors, options.fields);
        if (rest.length === 0) {
          void message.error(t('error.checkFields'));
          return;
        }
      }
      const fallback = error.status === 403 ? t('error.forbidden') : t('error.unexpected');
      const text = [error.detail || error.title || fallback, ...rest.map((p) => p.message)].join(' ');
      void message.error(text);
    },
    [message, t],
  );
}
