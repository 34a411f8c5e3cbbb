const ENTITIES: Readonly<Record<string, string>> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/**
 * Escapes a value for HTML or inline-SVG text and for quoted attribute values alike, so callers
 * never have to know which one they are filling. Control characters the HTML parser would reject
 * become U+FFFD instead of reaching the page.
 */
export function escapeHtml(value: string | number | boolean): string {
  return String(value)
    .replace(/[&<>"']/g, (char) => ENTITIES[char] ?? char)
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, "\uFFFD");
}

/** Shortens text to at most `max` characters (code points, so emoji stay whole), ending in "…". */
export function truncate(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, Math.max(max - 1, 1)).join("")}…`;
}
