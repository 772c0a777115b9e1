import { useEffect, useState } from 'react';
import { portalApi, type PortalInfo } from './portal.api';

let info: Promise<PortalInfo> | null = null;

/** The branches customers can visit and whether this is a demo: asked once per page load. */
export function usePortalInfo(): PortalInfo {
  const [value, setValue] = useState<PortalInfo>({ demo: false, branches: [] });
  useEffect(() => {
    let live = true;
    info ??= portalApi.portalInfo().catch((error: unknown) => {
      info = null; // a failed answer is asked again on the next visit
      throw error;
    });
    info.then((v) => live && setValue(v)).catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);
  return value;
}
