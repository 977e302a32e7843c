import { createContext } from '@lit/context';
import type { DashboardService } from '../app/dashboard-service';

/** The root element provides the dashboard's services; leaf elements consume them. */
export const dashboardContext = createContext<DashboardService>(Symbol('dashboard-service'));
