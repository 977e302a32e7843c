import { createContext } from '@lit/context';
import type { Dashboard } from '../mirror/dashboard';

/** The root element provides the dashboard (the mirror of the engine); elements consume it. */
export const dashboardContext = createContext<Dashboard>(Symbol('dashboard'));
