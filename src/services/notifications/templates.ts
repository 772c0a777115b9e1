/** Messages sent to customers, in both languages; `{name}` marks a parameter. */
export const TEMPLATES = {
  case_opened: { zh: '【Banklane银行】您的业务“{service}”已受理，业务编号 {ref}，预计 {due} 前办结。查询进度：{url}', en: 'Banklane Bank: your request "{service}" is registered as {ref}, expected by {due}. Track it: {url}' },
  case_completed: { zh: '【Banklane银行】您的业务 {ref}（{service}）已办结。', en: 'Banklane Bank: your request {ref} ({service}) is complete.' },
  case_rejected: { zh: '【Banklane银行】很抱歉，您的业务 {ref}（{service}）未能办理，详情请咨询网点或致电客服。', en: 'Banklane Bank: we are sorry, your request {ref} ({service}) could not be completed. Please ask at a branch or call us.' },
  account_opened: { zh: '【Banklane银行】您的账户已开立，账号尾号 {last4}。', en: 'Banklane Bank: your account is open, number ending {last4}.' },
  corporate_account_opened: { zh: '【Banklane银行】贵单位账户已开立，账号尾号 {last4}。', en: 'Banklane Bank: your company account is open, number ending {last4}.' },
  loan_approved: { zh: '【Banklane银行】您的贷款申请 {ref} 已获批准并放款。', en: 'Banklane Bank: your loan application {ref} is approved and paid out.' },
  loan_declined: { zh: '【Banklane银行】很抱歉，您的贷款申请 {ref} 未获批准。', en: 'Banklane Bank: we are sorry, your loan application {ref} was not approved.' },
  card_replaced: { zh: '【Banklane银行】您的挂失卡已补发，新卡号 {card}，请凭身份证件领取。', en: 'Banklane Bank: your replacement card {card} is ready; collect it with your ID.' },
  transfer_done: { zh: '【Banklane银行】您的转账 {ref} 已完成。', en: 'Banklane Bank: your transfer {ref} is done.' },
  tracking_code: { zh: '【Banklane银行】您查询业务 {ref} 的验证码为 {code}，{minutes} 分钟内有效。请勿告知他人。', en: 'Banklane Bank: your code to track {ref} is {code}, valid for {minutes} minutes. Do not share it.' },
  portal_sign_in_code: { zh: '【Banklane银行】您登录网上服务的验证码为 {code}，{minutes} 分钟内有效。请勿告知他人，银行工作人员不会向您索取。', en: 'Banklane Bank: your code to sign in is {code}, valid for {minutes} minutes. Do not share it; the bank never asks for it.' },
  survey_invite: { zh: '【Banklane银行】感谢您办理 {service}，请为本次服务评价：{url}', en: 'Banklane Bank: thank you for using {service}. Please rate our service: {url}' },
  appointment_booked: { zh: '【Banklane银行】您已预约 {branch} {time} 办理“{service}”，预约码 {code}。', en: 'Banklane Bank: you are booked at {branch} on {time} for "{service}", booking code {code}.' },
  appointment_reminder: { zh: '【Banklane银行】提醒：您预约了 {branch} {time} 办理“{service}”，预约码 {code}。', en: 'Banklane Bank reminder: {branch} on {time} for "{service}", booking code {code}.' },
  appointment_cancelled: { zh: '【Banklane银行】您在 {branch} {time} 的预约已取消。', en: 'Banklane Bank: your booking at {branch} on {time} is cancelled.' },
  complaint_received: { zh: '【Banklane银行】您的投诉已登记，编号 {ref}。我们将于 {due} 前作出处理决定并书面告知您。', en: 'Banklane Bank: your complaint is registered as {ref}. We will decide on it by {due} and tell you in writing.' },
  complaint_declined: { zh: '【Banklane银行】您的投诉 {ref} 经审查不予受理，原因：{reason}。如有疑问请致电客服。', en: 'Banklane Bank: your complaint {ref} was not accepted. Reason: {reason}. Please call us with any question.' },
  complaint_decision: { zh: '【Banklane银行】关于您的投诉 {ref}，我行处理决定：{decision}{compensation}如有异议请告知我们，我们将另行复核。', en: 'Banklane Bank: our decision on your complaint {ref}: {decision}{compensation}If you disagree, tell us and it will be reviewed.' },
  complaint_reviewed: { zh: '【Banklane银行】您对投诉 {ref} 处理决定的异议已复核，复核维持原决定：{decision}', en: 'Banklane Bank: your objection to the decision on complaint {ref} was reviewed; the decision stands: {decision}' },
  complaint_extended: { zh: '【Banklane银行】您的投诉 {ref} 情况复杂，处理期限延长至 {due}。原因：{reason}', en: 'Banklane Bank: your complaint {ref} needs more time; we will decide by {due}. Reason: {reason}' },
  complaint_survey: { zh: '【Banklane银行】您的投诉 {ref} 已办结，请为本次处理评价：{url}', en: 'Banklane Bank: your complaint {ref} is closed. Please rate how we handled it: {url}' },
  complaint_repeated_step: { zh: '【Banklane】流程 {process} 的环节 {step} 近 {days} 天已有 {count} 件投诉溯源至此（最新：{ref}），请流程负责人评估整改。', en: 'Banklane: {count} complaints in {days} days trace back to step {step} of process {process} (latest: {ref}). Process owner, please review it.' },
  complaint_escalated: { zh: '【Banklane】投诉 {ref} 已{state}（处理期限 {due}），处理人 {handler}，请督办。', en: 'Banklane: complaint {ref} is {state} (due {due}), handler {handler}. Please follow it up.' },
  merchant_activated: { zh: '【Banklane银行】贵商户“{name}”（商户编号 {code}）已开通收单服务，结算周期 T+{days}。', en: 'Banklane Bank: your merchant "{name}" (merchant number {code}) is now accepting cards, settled T+{days}.' },
  merchant_refused: { zh: '【Banklane银行】很抱歉，贵商户“{name}”的收单入网申请未获通过，详情请联系您的客户经理。', en: 'Banklane Bank: we are sorry, the card-acceptance application of "{name}" was not approved. Please ask your relationship manager.' },
  merchant_restricted: { zh: '【Banklane银行】因风险管理需要，贵商户“{name}”（商户编号 {code}）的收单服务已调整：{measures}如有疑问请联系您的客户经理。', en: 'Banklane Bank: for risk management, card acceptance at "{name}" (merchant number {code}) has changed: {measures} Please ask your relationship manager with any question.' },
  merchant_suspended: { zh: '【Banklane银行】因风险管理需要，贵商户“{name}”（商户编号 {code}）的收单服务已暂停。{measures}如有疑问请联系您的客户经理。', en: 'Banklane Bank: for risk management, card acceptance at "{name}" (merchant number {code}) is suspended. {measures} Please ask your relationship manager with any question.' },
  merchant_terminated: { zh: '【Banklane银行】贵商户“{name}”（商户编号 {code}）的收单服务已终止，受理终端将由我行回收。如有疑问请联系您的客户经理。', en: 'Banklane Bank: card acceptance at "{name}" (merchant number {code}) has ended; the bank will collect the card terminals. Please ask your relationship manager with any question.' },
  campaign_message: { zh: '【Banklane银行】{text} {url} 拒收请回复R', en: 'Banklane Bank: {text} {url} Reply R to opt out.' },
  seminar_registered: { zh: '【Banklane银行】您已报名“{name}”，{time}，{place}。签到码 {code}，请凭签到码入场。', en: 'Banklane Bank: you are registered for "{name}", {time}, {place}. Your check-in code is {code}.' },
  seminar_reminder: { zh: '【Banklane银行】提醒：您报名的“{name}”将于 {time} 在 {place} 举行，签到码 {code}。', en: 'Banklane Bank reminder: "{name}" is on {time} at {place}; your check-in code is {code}.' },
} as const;

export type TemplateName = keyof typeof TEMPLATES;

/** Templates whose text must not be shown to staff outside demo mode (one-time codes). */
export const SECRET_TEMPLATES: ReadonlySet<TemplateName> = new Set(['tracking_code', 'portal_sign_in_code']);

export function render(template: TemplateName, lang: string, params: Record<string, string | number>): string {
  const text = TEMPLATES[template][lang.startsWith('zh') ? 'zh' : 'en'];
  return text.replace(/\{(\w+)\}/g, (_, key: string) => String(params[key] ?? ''));
}
