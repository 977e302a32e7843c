/** Whether another site frames the page: the check behind refusing commands there. */
import { describe, expect, it } from 'vitest';
import { foreignFramer } from '../../../src/app/framing';

type FakeWindow = { top: unknown; self: unknown; location: { origin: string; ancestorOrigins?: { length: number; item(i: number): string | null } } };

const origins = (...list: string[]) => ({ length: list.length, item: (i: number) => list[i] ?? null });
const asWindow = (fake: FakeWindow) => fake as unknown as Window; // a stand-in with only what foreignFramer reads

describe('foreignFramer', () => {
  it('is null for a page in its own tab', () => {
    const view: FakeWindow = { top: null, self: null, location: { origin: 'https://dash.example' } };
    view.top = view.self = view;
    expect(foreignFramer(asWindow(view))).toBeNull();
  });

  it('is null when every frame around the page is of its own origin', () => {
    const view: FakeWindow = { top: {}, self: {}, location: { origin: 'https://dash.example', ancestorOrigins: origins('https://dash.example') } };
    expect(foreignFramer(asWindow(view))).toBeNull();
  });

  it('names the first foreign origin among the frames around the page', () => {
    const location = { origin: 'https://dash.example', ancestorOrigins: origins('https://dash.example', 'https://evil.example') };
    expect(foreignFramer(asWindow({ top: {}, self: {}, location }))).toBe('https://evil.example');
  });

  it('says "another site" when the browser hides the ancestors and the top window cannot be read', () => {
    const top = {
      get location(): never {
        throw new DOMException('Blocked a frame', 'SecurityError');
      },
    };
    expect(foreignFramer(asWindow({ top, self: {}, location: { origin: 'https://dash.example' } }))).toBe('another site');
  });
});
