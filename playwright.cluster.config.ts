/** The RabbitMQ cluster tests (npm run test:cluster): the e2e settings, on test/cluster. */
import { defineConfig } from '@playwright/test';
import base from './playwright.config';

export default defineConfig({ ...base, testDir: 'test/cluster', workers: 1 });
