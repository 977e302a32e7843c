/**
 * Renders the app icons (public/icons/*.png) from one SVG drawing with the system Chromium.
 * Run by hand when the drawing changes (`npx tsx scripts/make-icons.ts`); the PNGs are committed.
 */
import { mkdirSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { chromiumLaunchOptions } from '../test/support/chromium';

/** The signal mark on a blue square. `inset` shrinks the mark into the maskable safe zone (the centre 80 %). */
function iconSvg(size: number, rounded: boolean, inset: number): string {
  const scale = (1 - 2 * inset) * (size / 64);
  const offset = inset * size;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 ${size} ${size}">
    <rect width="${size}" height="${size}" rx="${rounded ? size * 0.1875 : 0}" fill="#0b63c5"/>
    <g transform="translate(${offset} ${offset}) scale(${scale})">
      <circle cx="20" cy="44" r="6" fill="#fff"/>
      <path d="M14 26a24 24 0 0 1 24 24M14 12a38 38 0 0 1 38 38" stroke="#fff" stroke-width="6" fill="none" stroke-linecap="round"/>
    </g>
  </svg>`;
}

const ICONS = [
  { file: 'icon-192.png', size: 192, rounded: true, inset: 0.06 },
  { file: 'icon-512.png', size: 512, rounded: true, inset: 0.06 },
  { file: 'maskable-512.png', size: 512, rounded: false, inset: 0.16 },
  { file: 'apple-touch-icon-180.png', size: 180, rounded: false, inset: 0.1 },
];

const browser = await chromium.launch(chromiumLaunchOptions);
try {
  mkdirSync('public/icons', { recursive: true });
  for (const icon of ICONS) {
    const page = await browser.newPage({ viewport: { width: icon.size, height: icon.size } });
    await page.setContent(`<body style="margin:0;background:transparent">${iconSvg(icon.size, icon.rounded, icon.inset)}</body>`);
    await page.locator('svg').screenshot({ path: `public/icons/${icon.file}`, omitBackground: true });
    await page.close();
    console.log(`public/icons/${icon.file}`);
  }
} finally {
  await browser.close();
}
