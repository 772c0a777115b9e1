import { Alert, Button, Form, Input, Modal } from 'antd';
import { useEffect, useState } from 'react';
import { isApiError } from '../../api/client';
import { useT } from '../../i18n/i18n';
import { PortalPage } from '../PortalLayout';
import { LoadFailed, LoadingBlock, NavButton, useErrorText } from '../PortalStates';
import { formatShortDate } from '../portal-format';
import { myApi, MySignedIn, sessionEnded, useMyself, type MyHolding, type MyProduct, type Reason, type SuggestedOffer } from './my-session';

type Data = {
  holdings: MyHolding[];
  products: Awaited<ReturnType<typeof myApi.products>>;
  offers: { available: boolean; items: SuggestedOffer[] };
};

/** 我的产品: what I hold, what suits me with a buy button (the same sale as every channel), and what does not yet, with why. */
export function MyProductsPage() {
  const { t } = useT();
  return (
    <PortalPage title={t('my.products.title')} testId="my-products">
      <MySignedIn>
        <Products />
      </MySignedIn>
    </PortalPage>
  );
}

function Products() {
  const { t, lang, pick } = useT();
  const { ended } = useMyself();
  const [data, setData] = useState<Data | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [buying, setBuying] = useState<{ product: MyProduct; offerId?: string } | null>(null);
  const [bought, setBought] = useState<string | null>(null);
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    const s = controller.signal;
    Promise.all([myApi.holdings(lang, s), myApi.products(lang, s), myApi.offers(lang, s)]).then(
      ([h, products, offers]) => setData({ holdings: h.items, products, offers }),
      (e: unknown) => (sessionEnded(e) ? ended() : setError(e)),
    );
    return () => controller.abort();
  }, [lang, generation, ended]);

  if (error) return <LoadFailed error={error} onRetry={() => { setError(null); setGeneration((n) => n + 1); }} />;
  if (!data) return <LoadingBlock />;
  const reasonText = (r: Reason) => (lang === 'zh-CN' ? r.zh : r.en);
  const byCode = new Map(data.products.items.map((p) => [p.code, p]));

  return (
    <>
      {bought ? <Alert type="success" showIcon closable className="pl-gap-bottom" title={bought} onClose={() => setBought(null)} data-testid="my-products-bought" /> : null}
      <section className="pl-section">
        <h2 className="pl-section-title">{t('my.products.holdings')}</h2>
        {data.holdings.length ? (
          <div className="pl-list" data-testid="my-holdings">
            {data.holdings.map((h) => (
              <div key={h.id} className="pl-list-item" data-testid={`my-holding-${h.productCode}`}>
                <span className="pl-list-body">
                  <span className="pl-list-title">{pick(h)}</span>
                  <span className="pl-list-meta">
                    <span>¥{h.amount}</span>
                    <span>{h.risk}</span>
                    <span>{h.closedAt ? t('my.products.closed') : t('my.products.opened', { date: formatShortDate(h.openedAt, lang) })}</span>
                  </span>
                </span>
              </div>
            ))}
          </div>
        ) : (
          <p className="pl-muted" data-testid="my-holdings-none">{t('my.products.noHoldings')}</p>
        )}
      </section>

      {/* 为您推荐 / Suggested for you: next-best offers shown in the portal (GET /portal/offers), each with its reasons */}
      <section className="pl-section" data-testid="my-suggested">
        <h2 className="pl-section-title">{t('my.products.suggested')}</h2>
        {data.offers.available && data.offers.items.length ? (
          <div className="pl-list">
            {data.offers.items.map((o) => {
              const product = byCode.get(o.productCode);
              return (
                <div key={o.productCode} className="pl-list-item" data-testid={`my-offer-${o.productCode}`}>
                  <span className="pl-list-body">
                    <span className="pl-list-title">{pick(o)} <span className="pl-chip">{o.risk}</span></span>
                    <span className="pl-list-meta">{o.reasons.map((r) => <span key={r.en}>{lang === 'zh-CN' ? r.zh : r.en}</span>)}</span>
                  </span>
                  {product ? <Button onClick={() => setBuying({ product, ...(o.id ? { offerId: o.id } : {}) })} data-testid={`my-offer-buy-${o.productCode}`}>{t('my.products.buy')}</Button> : null}
                </div>
              );
            })}
          </div>
        ) : (
          <p className="pl-muted pl-small">{t('my.products.suggestedLater')}</p>
        )}
      </section>

      <section className="pl-section">
        <h2 className="pl-section-title">{t('my.products.suitable')}</h2>
        {data.products.items.length ? (
          <div className="pl-list" data-testid="my-suitable">
            {data.products.items.map((p) => (
              <div key={p.code} className="pl-list-item" data-testid={`my-product-${p.code}`}>
                <span className="pl-list-body">
                  <span className="pl-list-title">{pick(p)} <span className="pl-chip">{p.risk}</span></span>
                  <span className="pl-list-meta">
                    {p.rateText ? <span>{p.rateText}</span> : null}
                    {p.termMonths ? <span>{t('my.products.term', { months: p.termMonths })}</span> : null}
                    {p.minAmount ? <span>{t('my.products.minAmount', { amount: p.minAmount })}</span> : null}
                  </span>
                </span>
                <Button type="primary" onClick={() => setBuying({ product: p })} data-testid={`my-buy-${p.code}`}>{t('my.products.buy')}</Button>
              </div>
            ))}
          </div>
        ) : (
          <p className="pl-muted">{t('my.products.noneSuitable')}</p>
        )}
      </section>

      {data.products.others.length ? (
        <section className="pl-section">
          <h2 className="pl-section-title">{t('my.products.others')}</h2>
          <div className="pl-list" data-testid="my-unsuitable">
            {data.products.others.map(({ product, reasons }) => (
              <div key={product.code} className="pl-list-item" data-testid={`my-other-${product.code}`}>
                <span className="pl-list-body">
                  <span className="pl-list-title">{pick(product)} <span className="pl-chip">{product.risk}</span></span>
                  <span className="pl-list-meta">{reasons.map((r) => <span key={r.code}>{reasonText(r)}</span>)}</span>
                </span>
                <Button onClick={() => setBuying({ product })} data-testid={`my-buy-${product.code}`}>{t('my.products.buy')}</Button>
              </div>
            ))}
          </div>
        </section>
      ) : null}

      {buying ? (
        <BuyModal
          product={buying.product}
          offerId={buying.offerId}
          onClose={() => setBuying(null)}
          onBought={(text) => {
            setBuying(null);
            setBought(text);
            setGeneration((n) => n + 1);
          }}
        />
      ) : null}
    </>
  );
}

/**
 * Buying: the amount, then the sale as every channel makes it. A refusal shows each reason the
 * server gave (the refusal is recorded there); a product that does not suit may still be tried —
 * the rule, not the page, decides.
 */
function BuyModal({ product, offerId, onClose, onBought }: { product: MyProduct; offerId: string | undefined; onClose: () => void; onBought: (text: string) => void }) {
  const { t, lang, pick } = useT();
  const { ended } = useMyself();
  const errorText = useErrorText();
  const [amount, setAmount] = useState(product.minAmount ?? '');
  const [amountError, setAmountError] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<string[] | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const buy = async () => {
    setRefusal(null);
    setNotice(null);
    if (!/^[0-9]{1,16}(\.[0-9]{1,2})?$/.test(amount.trim())) {
      setAmountError(t('my.products.amountInvalid'));
      return;
    }
    setBusy(true);
    try {
      const sale = await myApi.buy(lang, { productCode: product.code, amount: amount.trim(), ...(offerId ? { offerId } : {}) });
      onBought(t('my.products.bought', { name: pick(product), amount: sale.amount }));
    } catch (e) {
      if (sessionEnded(e)) return ended();
      if (isApiError(e) && e.status === 422) setRefusal(e.errors.map((x) => x.message));
      else if (isApiError(e) && e.errors.some((x) => x.field === '/amount')) setAmountError(e.errors.find((x) => x.field === '/amount')!.message);
      else setNotice(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open title={t('my.products.buyTitle', { name: pick(product) })} onCancel={onClose} footer={null} centered destroyOnHidden rootClassName="pl-modal">
      <div data-testid="my-buy-dialog">
        <Form layout="vertical" requiredMark={false} onFinish={() => void buy()} disabled={busy}>
          <Form.Item label={t('my.products.amount')} validateStatus={amountError ? 'error' : undefined} help={amountError ?? (product.minAmount ? t('my.products.minAmount', { amount: product.minAmount }) : undefined)}>
            <Input inputMode="decimal" value={amount} onChange={(e) => { setAmount(e.target.value); setAmountError(null); }} prefix="¥" data-testid="my-buy-amount" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy} data-testid="my-buy-confirm">{t('my.products.confirm')}</Button>
        </Form>
        {refusal ? (
          <Alert
            type="error"
            showIcon
            className="pl-gap"
            data-testid="my-buy-refused"
            title={t('my.products.refused')}
            description={
              <>
                <ul style={{ margin: '4px 0', paddingInlineStart: 18 }}>{refusal.map((r) => <li key={r}>{r}</li>)}</ul>
                <p className="pl-small" style={{ margin: '4px 0' }}>{t('my.products.refusedHint')}</p>
                <NavButton to="/portal/my/risk-profile" size="small">{t('my.products.assessFirst')}</NavButton>
              </>
            }
          />
        ) : null}
        {notice ? <Alert type="warning" showIcon title={notice} className="pl-gap" /> : null}
      </div>
    </Modal>
  );
}
