import '@bpmn-io/form-js/dist/assets/form-js.css';
import { Form, type Schema } from '@bpmn-io/form-js';
import { Alert } from 'antd';
import { useEffect, useImperativeHandle, useRef, useState, type Ref } from 'react';
import { useT } from '../../i18n/i18n';

export type FormJsHandle = {
  /** Validates; the entered data, or null when a field needs fixing (shown in the form). */
  submit: () => Record<string, unknown> | null;
};

type Props = { schema: Schema; data: Record<string, unknown>; ref: Ref<FormJsHandle> };

/** A task form rendered with form-js, the same forms the process designers draw. */
export function FormJsForm({ schema, data, ref }: Props) {
  const { t } = useT();
  const containerRef = useRef<HTMLDivElement>(null);
  const formRef = useRef<Form | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const form = new Form({ container: containerRef.current });
    formRef.current = form;
    setError(null);
    form.importSchema(schema, data).catch((err: unknown) => setError(err instanceof Error ? err.message : String(err)));
    return () => {
      form.destroy();
      formRef.current = null;
    };
  }, [schema, data]);

  useImperativeHandle(ref, () => ({
    submit: () => {
      const form = formRef.current;
      if (!form) return null;
      const result = form.submit();
      return Object.keys(result.errors).length > 0 ? null : (result.data as Record<string, unknown>);
    },
  }), []);

  return (
    <>
      {error ? <Alert type="error" showIcon title={t('task.formFailed', { detail: error })} /> : null}
      <div ref={containerRef} data-testid="task-form" />
    </>
  );
}
