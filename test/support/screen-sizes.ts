/** The screens every view is checked at (and the README's pictures taken at). */
export const SCREENS = [
  { name: 'desktop', viewport: { width: 1280, height: 800 } },
  { name: 'tablet-landscape', viewport: { width: 1024, height: 768 } },
  { name: 'tablet-portrait', viewport: { width: 768, height: 1024 } },
  { name: 'phone', viewport: { width: 390, height: 844 } },
] as const;
