/** MOAA/S, each level with its definition (CLINICAL.md section 4). */
export const MOAAS_LEVELS: { score: number; definition: string }[] = [
  { score: 5, definition: 'Responds readily to name in normal tone' },
  { score: 4, definition: 'Lethargic response to name in normal tone' },
  { score: 3, definition: 'Responds only after name is called loudly or repeatedly' },
  { score: 2, definition: 'Responds only after mild prodding or shaking' },
  { score: 1, definition: 'Responds only after painful trapezius squeeze' },
  { score: 0, definition: 'No response' },
];

/**
 * CADSS-6 short form: items 1, 2, 6, 7, 15 and 22 of the 23-item CADSS (Rodrigues 2021), each 0-4.
 * The app records the item numbers and answers; the wording is the clinic's licensed CADSS form.
 */
export const CADSS6_ITEMS = [1, 2, 6, 7, 15, 22] as const;
export const CADSS_ANSWERS = ['Not at all', 'Slightly', 'Moderately', 'Considerably', 'Extremely'];
