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
  survey_invite: { zh: '【Banklane银行】感谢您办理 {service}，请为本次服务评价：{url}', en: 'Banklane Bank: thank you for using {service}. Please rate our service: {url}' },
  appointment_booked: { zh: '【Banklane银行】您已预约 {branch} {time} 办理“{service}”，预约码 {code}。', en: 'Banklane Bank: you are booked at {branch} on {time} for "{service}", booking code {code}.' },
  appointment_reminder: { zh: '【Banklane银行】提醒：您预约了 {branch} {time} 办理“{service}”，预约码 {code}。', en: 'Banklane Bank reminder: {branch} on {time} for "{service}", booking code {code}.' },
  appointment_cancelled: { zh: '【Banklane银行】您在 {branch} {time} 的预约已取消。', en: 'Banklane Bank: your booking at {branch} on {time} is cancelled.' },
} as const;

export type TemplateName = keyof typeof TEMPLATES;

/** Templates whose text must not be shown to staff outside demo mode (one-time codes). */
export const SECRET_TEMPLATES: ReadonlySet<TemplateName> = new Set(['tracking_code']);

export function render(template: TemplateName, lang: string, params: Record<string, string | number>): string {
  const text = TEMPLATES[template][lang.startsWith('zh') ? 'zh' : 'en'];
  return text.replace(/\{(\w+)\}/g, (_, key: string) => String(params[key] ?? ''));
}
