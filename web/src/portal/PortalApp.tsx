import { Navigate, Route, Routes } from 'react-router';
import { PortalLayout } from './PortalLayout';
import { AppointmentsPage } from './pages/AppointmentsPage';
import { MyCampaignsPage } from './pages/my-campaigns';
import { MyProductsPage } from './pages/my-products';
import { MyRiskProfilePage } from './pages/my-risk-profile';
import { MySignInPage } from './pages/my-sign-in';
import { PortalHome } from './pages/PortalHome';
import { PortalNotFound } from './pages/PortalNotFound';
import { ServicePage } from './pages/ServicePage';
import { ServicesPage } from './pages/ServicesPage';
import { SurveyPage } from './pages/SurveyPage';
import { TrackPage } from './pages/TrackPage';

/**
 * The customer portal (客户自助) under `/portal`: no sign-in, no staff menu. Each page asks only
 * for the proof its answer needs (a booking code and phone, a code sent by SMS, a survey link).
 */
export function PortalApp() {
  return (
    <Routes>
      <Route element={<PortalLayout />}>
        <Route index element={<PortalHome />} />
        <Route path="services" element={<ServicesPage />} />
        <Route path="services/:code" element={<ServicePage />} />
        <Route path="appointments" element={<AppointmentsPage />} />
        <Route path="track" element={<TrackPage />} />
        <Route path="survey/:token" element={<SurveyPage />} />
        <Route path="my" element={<Navigate to="/portal/my/risk-profile" replace />} />
        <Route path="my/sign-in" element={<MySignInPage />} />
        <Route path="my/risk-profile" element={<MyRiskProfilePage />} />
        <Route path="my/products" element={<MyProductsPage />} />
        <Route path="my/campaigns" element={<MyCampaignsPage />} />
        <Route path="*" element={<PortalNotFound />} />
      </Route>
    </Routes>
  );
}
