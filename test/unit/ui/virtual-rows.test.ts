import { describe, expect, it } from 'vitest';
import { rowWindow } from '../../../src/ui/virtual-rows';

describe('virtualized rows', () => {
  it('draws only the rows in view, with a few more, and keeps the full height', () => {
    const window = rowWindow(10_000, 44, 44 * 5000, 440);
    expect(window.first).toBe(4992);
    expect(window.end).toBe(5018);
    expect(window.before + (window.end - window.first) * 44 + window.after).toBe(10_000 * 44);
  });

  it('copes with short lists and the very end', () => {
    expect(rowWindow(3, 44, 0, 440)).toEqual({ first: 0, end: 3, before: 0, after: 0 });
    const end = rowWindow(100, 44, 44 * 100, 440);
    expect(end.end).toBe(100);
    expect(end.after).toBe(0);
  });
});
