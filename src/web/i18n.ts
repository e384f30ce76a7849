/** The web speaks the house's two languages (src/i18n/). */
export * from '../i18n/i18n.js';
