import { Alert } from 'antd';

/** The server's explanation of a refused step (problem `detail`), inside the panel that was refused. */
export function StepError({ problem }: { problem: string | null }) {
  return problem ? <Alert type="error" showIcon title={problem} style={{ marginBottom: 12 }} data-testid="complaint-step-error" /> : null;
}
