import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../../platform/deps.ts';
import { DomainError } from '../../platform/errors.ts';
import type { AfterSale } from '../products/sale.routes.ts';
import { sellProduct } from '../products/sale.service.ts';
import { recordAssessment } from '../suitability/risk-assessment.service.ts';
import { myAssessments, myHoldings, myProducts, type CustomerPrincipal } from './my-engagement.service.ts';
import { myCampaignRoutes } from './my-campaigns.routes.ts';
import { MyAssessmentBody, PurchaseBody, SignInBody, SignInCodeBody } from './portal.schemas.ts';
import { portalMe, sendSignInCode, signIn, signOut, touchSession } from './sign-in.service.ts';
import { suggestedOffers } from './suggested-offers.ts';

/** The customer's session: HttpOnly, sent only to the portal's API, apart from the staff session. */
export const CUSTOMER_SESSION_COOKIE = 'bl_customer';
/** Readable by the portal's pages, echoed in `X-CSRF-Token` on every change. */
export const CUSTOMER_CSRF_COOKIE = 'bl_customer_csrf';
const SESSION_PATH = '/api/v1/portal';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in customer, on routes under /api/v1/portal that need a customer session. */
    customer: CustomerPrincipal;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const signInFirst = () => new DomainError('not_authenticated', { en: 'Sign in with your phone number and the code we send it first; a session ends after 15 minutes without use.', zh: '请先使用手机号码和短信验证码登录；15 分钟未操作将自动退出。' });

/**
 * The customer's own portal (客户登录后): sign-in by a code sent to the phone on file, then the
 * customer's risk profile, holdings, the products that suit them and buying one. Routes are public
 * to the staff gate; a hook of their own admits only a live customer session and gives the
 * customer principal — the only customer these routes ever act for.
 */
export const customerPortalRoutes = (afterSale: AfterSale) => (app: FastifyInstance, deps: Deps): void => {
  const tags = ['customer portal'];
  const open = { access: { public: true } } as const;
  const cookieBase = { sameSite: 'strict' as const, secure: 'auto' as const };

  app.post<{ Body: Static<typeof SignInCodeBody> }>('/api/v1/portal/sign-in/code', {
    config: open,
    schema: { tags, security: [], summary: 'Send a sign-in code by SMS to the phone on file (the same answer whether or not the number is a customer’s; limited per phone and address)', body: SignInCodeBody },
  }, async (request, reply) => reply.code(202).send(await sendSignInCode(deps, request.body.phone, request.ctx.ip)));

  app.post<{ Body: Static<typeof SignInBody> }>('/api/v1/portal/sign-in', {
    config: open,
    schema: { tags, security: [], summary: 'Sign in with the code: sets the customer session cookie (15 minutes idle, 2 hours at most). Five wrong codes lock the phone for 30 minutes', body: SignInBody },
  }, async (request, reply) => {
    const s = await signIn(deps, request.body, request.ctx.ip, request.headers['user-agent'] ?? null);
    reply.setCookie(CUSTOMER_SESSION_COOKIE, s.token, { ...cookieBase, path: SESSION_PATH, httpOnly: true, expires: s.expiresAt });
    reply.setCookie(CUSTOMER_CSRF_COOKIE, s.csrfToken, { ...cookieBase, path: '/', httpOnly: false, expires: s.expiresAt });
    return { customer: s.customer, csrfToken: s.csrfToken, idleMinutes: s.idleMinutes, expiresAt: s.expiresAt.toISOString() };
  });

  // everything below needs a customer session
  app.register(async (scope) => {
    scope.decorateRequest('customer', null as unknown as CustomerPrincipal);
    const sessions = new WeakMap<FastifyRequest, { idle_expires_at: Date; expires_at: Date }>();
    scope.addHook('onRequest', async (request) => {
      const token = request.cookies[CUSTOMER_SESSION_COOKIE];
      const session = token ? await touchSession(deps, token) : undefined;
      if (!session) throw signInFirst();
      if (!SAFE_METHODS.has(request.method) && request.headers['x-csrf-token'] !== session.csrf_token) {
        throw new DomainError('csrf_failed', { en: 'This request did not carry the session’s CSRF token (header X-CSRF-Token); reload the page and try again.', zh: '请求缺少会话的 CSRF 令牌（X-CSRF-Token 头），请刷新页面后重试。' });
      }
      request.customer = { kind: 'customer', customerId: session.customer_id, ctx: request.ctx };
      sessions.set(request, session);
    });
    const customerOnly = { access: { public: true } } as const;
    // not the staff's bearer or session: the customer session cookie, checked by the hook above
    const security: never[] = [];

    scope.post('/api/v1/portal/sign-out', {
      config: customerOnly,
      schema: { tags, security, summary: 'End the customer session' },
    }, async (request, reply: FastifyReply) => {
      await signOut(deps, request.cookies[CUSTOMER_SESSION_COOKIE]!, request.ctx.ip);
      reply.clearCookie(CUSTOMER_SESSION_COOKIE, { path: SESSION_PATH }).clearCookie(CUSTOMER_CSRF_COOKIE, { path: '/' });
      return reply.code(204).send();
    });

    scope.get('/api/v1/portal/me', {
      config: customerOnly,
      schema: { tags, security, summary: 'The signed-in customer (masked) and when the session ends' },
    }, async (request) => portalMe(deps, request.customer.customerId, sessions.get(request)!));

    scope.get('/api/v1/portal/risk-assessments', {
      config: customerOnly,
      schema: { tags, security, summary: 'My risk-tolerance assessments, latest first, and the one in force' },
    }, async (request) => myAssessments(deps, request.customer));

    scope.post<{ Body: Static<typeof MyAssessmentBody> }>('/api/v1/portal/risk-assessments', {
      config: customerOnly,
      schema: { tags, security, summary: 'Answer the current questionnaire myself (channel portal): scored into C1–C5 (audited)', body: MyAssessmentBody },
    }, async (request, reply) => reply.code(201).send(await recordAssessment(deps, request.customer, request.customer.customerId, { ...request.body, channel: 'portal' })));

    scope.get('/api/v1/portal/holdings', {
      config: customerOnly,
      schema: { tags, security, summary: 'The products I hold, open first' },
    }, async (request) => ({ items: await myHoldings(deps, request.customer) }));

    scope.get('/api/v1/portal/products', {
      config: customerOnly,
      schema: { tags, security, summary: 'The products on sale that suit me now, and the others with the reasons they do not' },
    }, async (request) => myProducts(deps, request.customer));

    scope.get('/api/v1/portal/offers', {
      config: customerOnly,
      schema: { tags, security, summary: 'Next-best offers for me (products that suit me now), each with its reasons; shown in channel portal and recorded' },
    }, async (request) => suggestedOffers(deps, request.customer));

    myCampaignRoutes(scope, deps);

    scope.post<{ Body: Static<typeof PurchaseBody> }>('/api/v1/portal/purchases', {
      config: customerOnly,
      schema: { tags, security, summary: 'Buy a product myself (channel portal), through the same sale as every channel: refused (422, each reason on /productCode, the refusal recorded) when it does not suit me', body: PurchaseBody },
    }, async (request, reply) => {
      const sale = await sellProduct(deps, request.customer, { ...request.body, customerId: request.customer.customerId, channel: 'portal' });
      await afterSale(sale.customerId).catch((error: unknown) => request.log.error({ err: error }, 'refreshing the customer after a sale failed'));
      return reply.code(201).send(sale);
    });
  });
};
