/** The key that marks a moment for integration, shown with the tags. */
export const MOMENT_KEY = { key: 'Alt+J', code: 'KeyJ' } as const;
