/**
 * The French words, keyed by the English ones they stand for (see ./words.ts). Written as a French
 * technician writes them, not word for word. Loaded only for a French screen.
 */
export const french: Readonly<Record<string, string>> = {
};
