/** Text made safe to place inside HTML (element content or a quoted attribute). */
export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/** A govukTable cell holding a link: the macro takes `html` for that, so the text is escaped here, once. */
export const linkCell = (href: string, text: string) => ({
  html: `<a class="govuk-link" href="${escapeHtml(href)}">${escapeHtml(text)}</a>`,
});
