import type { Dayjs } from 'dayjs';
import type { ComplaintChannel, Intake, SubjectType } from '../complaints.api';

/** The intake form's values; names follow the request body so that server field errors land on them. */
export type IntakeValues = {
  channel: ComplaintChannel;
  regulatorRef?: string;
  receivedAt?: Dayjs | null;
  complainant?: { name?: string; phone?: string; email?: string };
  representatives?: { name?: string; phone?: string }[];
  subject: { type: SubjectType; ref?: string };
  description: string;
  request: string;
};

/** Every form field a server problem may point at (`*`: a row of the representatives). */
export const INTAKE_FIELDS = [
  'channel', 'regulatorRef', 'receivedAt', 'complainant.name', 'complainant.phone', 'complainant.email',
  'representatives.*.name', 'representatives.*.phone', 'subject.type', 'subject.ref', 'description', 'request',
] as const;

const text = (value: string | undefined) => {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
};

/** The request body: the customer on file, or the complainant's own details; empty optional fields left out. */
export function intakeBody(values: IntakeValues, customerId: string | null, originSurveyId: string | null = null): Intake {
  const representatives = (values.representatives ?? [])
    .filter((r) => text(r.name))
    .map((r) => ({ name: text(r.name) ?? '', ...(text(r.phone) ? { phone: text(r.phone) } : {}) }));
  const body: Intake = {
    channel: values.channel,
    subject: values.subject.type === 'none' ? { type: 'none' } : { type: values.subject.type, ref: text(values.subject.ref) },
    description: values.description.trim(),
    request: values.request.trim(),
  };
  if (values.channel === 'regulator' && text(values.regulatorRef)) body.regulatorRef = text(values.regulatorRef);
  if ((values.channel === 'regulator' || values.channel === 'letter') && values.receivedAt) body.receivedAt = values.receivedAt.toISOString();
  if (customerId) body.customerId = customerId;
  else body.complainant = { name: text(values.complainant?.name) ?? '', phone: text(values.complainant?.phone), email: text(values.complainant?.email) };
  if (body.complainant) {
    if (!body.complainant.phone) delete body.complainant.phone;
    if (!body.complainant.email) delete body.complainant.email;
  }
  if (representatives.length) body.representatives = representatives;
  if (originSurveyId) body.originSurveyId = originSurveyId;
  return body;
}
