/**
 * Broker text made safe to look at. Topics: characters that cannot be seen or that reorder text around
 * them (zero-width, bidi controls, other control characters) are shown as what they are, ⟨U+200B⟩, so
 * `u/moteur\u200B/température` cannot pass for `u/moteur/température`. Payloads: bounded previews, and
 * long runs without a break opportunity given some (a 60 KiB run of one character costs the browser's line
 * breaker seconds otherwise). The results are plain text or Lit templates of text, never HTML.
 */
import { html, type TemplateResult } from 'lit';

/** Invisible, bidi-control and control characters, all of them unwelcome in a topic. */
const HIDDEN = /[\u0000-\u001f\u007f-\u009f\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff9-\ufffb]/gu;

const codePoint = (character: string) => `⟨U+${(character.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}⟩`;

/** A topic with every hidden character made visible. */
export function visibleTopic(topic: string): string {
  return topic.replace(HIDDEN, codePoint);
}

/**
 * A payload's text with its bidi controls and invisible characters shown as ⟨U+202E⟩, so that `ok \u202E1.0`
 * cannot pass for `ok 0.1`; tabs and line breaks stay (JSON is laid out with them). The raw bytes stay in
 * the payload viewer's hex view.
 */
export const visiblePayload = (text: string) => text.replace(HIDDEN, (character) => (character === '\n' || character === '\t' || character === '\r' ? character : codePoint(character)));

/** True when a topic holds characters that are shown as ⟨U+…⟩. */
export const hasHiddenCharacters = (text: string) => new RegExp(HIDDEN.source, 'u').test(text);

/** How many characters of a payload a tile shows; the payload viewer shows the rest. */
export const PREVIEW_CHARACTERS = 1024;

/** The beginning of a text, at most `limit` characters, with whether it was cut. */
export function previewOf(text: string, limit = PREVIEW_CHARACTERS): { text: string; cut: boolean } {
  if (text.length <= limit) return { text, cut: false };
  // Do not cut a surrogate pair in two.
  const end = /[\ud800-\udbff]/.test(text.charAt(limit - 1)) ? limit - 1 : limit;
  return { text: `${text.slice(0, end)}…`, cut: true };
}

/** Longest run of characters without a break opportunity that is left as it is. */
const RUN = 24;
const words = (run: number) => new RegExp(`\\s+|\\S{1,${run}}`, 'gu');
const PAYLOAD_WORDS = words(RUN);
/** A topic level is cut only when it is longer than anything a person names: at its `-` or `/` otherwise. */
export const TOPIC_RUN = 64;
const TOPIC_WORDS = words(TOPIC_RUN);

/**
 * The text with a line-break opportunity (`<wbr>`, which copying leaves out) inside every run of more than
 * `run` characters without white space: text the line breaker lays out in linear time, whatever it holds.
 */
export function breakable(text: string, run: typeof RUN | typeof TOPIC_RUN = RUN): Array<string | TemplateResult> {
  const parts: Array<string | TemplateResult> = [];
  for (const piece of piecesBetweenBreaks(text, run)) {
    if (parts.length > 0) parts.push(html`<wbr />`);
    parts.push(piece);
  }
  return parts;
}

/** The text cut where `breakable` puts a `<wbr>`: runs of at most `run` characters and the white space between. */
function piecesBetweenBreaks(text: string, run: number): string[] {
  if (text.length <= run) return [text];
  const pattern = run === RUN ? PAYLOAD_WORDS : TOPIC_WORDS;
  const pieces: string[] = [];
  let pending = '';
  let lastWasRun = false;
  for (const match of text.matchAll(pattern)) {
    const piece = match[0];
    const isRun = !/^\s/u.test(piece);
    if (isRun && lastWasRun) {
      pieces.push(pending);
      pending = '';
    }
    pending += piece;
    lastWasRun = isRun;
  }
  pieces.push(pending);
  return pieces;
}

/** Characters per block of the payload viewer: blocks out of view are not laid out at all. */
const BLOCK = 4096;

/**
 * A long text in blocks that the browser lays out only when they scroll into view (content-visibility). Made
 * as plain text nodes and `<wbr>` elements, not templates: a 60 KiB payload's 2,500 break points cost no
 * template parts. Text nodes: nothing in the text is ever read as markup.
 */
export function blocksOf(text: string): HTMLElement[] {
  const blocks: HTMLElement[] = [];
  let start = 0;
  do {
    let end = Math.min(text.length, start + BLOCK);
    if (end < text.length && /[\ud800-\udbff]/.test(text.charAt(end - 1))) end--; // keep a surrogate pair whole
    const block = document.createElement('span');
    block.className = 'block';
    for (const piece of piecesBetweenBreaks(text.slice(start, end), RUN)) {
      if (block.firstChild) block.append(document.createElement('wbr'));
      block.append(document.createTextNode(piece));
    }
    blocks.push(block);
    start = end;
  } while (start < text.length);
  return blocks;
}
