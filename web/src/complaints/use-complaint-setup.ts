import { useMemo } from 'react';
import { useT } from '../i18n/i18n';
import { useRequest } from '../shared/use-request';
import { complaintsApi, type Category, type ComplaintSetup } from './complaints.api';

/** Categories and rules change rarely: one read serves every screen for a few minutes. */
const TTL_MS = 5 * 60_000;
let cached: { at: number; setup: Promise<ComplaintSetup> } | null = null;

function loadSetup(signal: AbortSignal): Promise<ComplaintSetup> {
  if (!cached || Date.now() - cached.at > TTL_MS) {
    const setup = complaintsApi.setup();
    cached = { at: Date.now(), setup };
    setup.catch(() => {
      cached = null;
    });
  }
  const { setup } = cached;
  return new Promise((resolve, reject) => {
    signal.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
    setup.then(resolve, reject);
  });
}

export type TreeOption = { value: string; title: string; children?: TreeOption[]; disabled?: boolean };

export type SetupView = {
  setup: ComplaintSetup | undefined;
  /** The category or cause in the UI language; the code when unknown. */
  categoryName: (code: string | null | undefined) => string;
  /** Business categories / causes as a tree for `TreeSelect` (retired entries left out). */
  businessTree: TreeOption[];
  causeTree: TreeOption[];
};

function tree(categories: Category[], kind: Category['kind'], pick: (c: Category) => string): TreeOption[] {
  const own = categories.filter((c) => c.kind === kind && c.active).sort((a, b) => a.position - b.position);
  const childrenOf = (parent: string | null): TreeOption[] =>
    own.filter((c) => c.parentCode === parent).map((c) => {
      const children = childrenOf(c.code);
      return { value: c.code, title: pick(c), ...(children.length ? { children } : {}) };
    });
  return childrenOf(null);
}

/** The complaint set-up (clock rules, category tree, channels), with name look-ups. */
export function useComplaintSetup(): SetupView {
  const { pick } = useT();
  const { data } = useRequest((signal) => loadSetup(signal), [], { silent: true });
  return useMemo(() => {
    const byCode = new Map((data?.categories ?? []).map((c) => [c.code, c]));
    return {
      setup: data,
      categoryName: (code) => {
        if (!code) return '—';
        const found = byCode.get(code);
        return found ? pick(found) : code;
      },
      businessTree: tree(data?.categories ?? [], 'business', pick),
      causeTree: tree(data?.categories ?? [], 'cause', pick),
    };
  }, [data, pick]);
}
