import { Alert, Button, Form, Input } from 'antd';
import type { ReactNode } from 'react';
import { DemoInboxHint } from './tracking/DemoInbox';

/**
 * The second step of a one-time code sent by SMS (case tracking, customer sign-in): the notice that
 * it was sent, a lock-out if any, the six-digit code and its button, and in the demo where to read
 * the message. `testId` names the step; its parts are `{testId}-sent`, `-code` and `submitTestId`.
 */
export function CodeStep(props: {
  testId: string;
  submitTestId: string;
  sentText: string;
  label: string;
  placeholder: string;
  submitText: string;
  code: string;
  onCode: (code: string) => void;
  codeError: string | null;
  lockAlert: ReactNode;
  busy: boolean;
  locked: boolean;
  onSubmit: () => void;
}) {
  return (
    <section className="pl-card" data-testid={props.testId}>
      <Alert type="info" showIcon className="pl-gap-bottom" title={props.sentText} data-testid={`${props.testId.replace(/-code-step$/, '')}-sent`} />
      {props.lockAlert}
      <Form layout="vertical" requiredMark={false} onFinish={props.onSubmit} disabled={props.busy || props.locked}>
        <Form.Item label={props.label} validateStatus={props.codeError ? 'error' : undefined} help={props.codeError ?? undefined}>
          <Input
            value={props.code}
            onChange={(e) => props.onCode(e.target.value.replace(/\D/g, '').slice(0, 6))}
            inputMode="numeric"
            autoComplete="one-time-code"
            autoFocus
            maxLength={6}
            className="pl-code-input"
            placeholder={props.placeholder}
            data-testid={`${props.testId.replace(/-code-step$/, '')}-code`}
          />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={props.busy} data-testid={props.submitTestId}>
          {props.submitText}
        </Button>
      </Form>
      <DemoInboxHint />
    </section>
  );
}
