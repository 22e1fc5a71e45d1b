/**
 * Nothing the CLI prints can drive the terminal: page text, titles, file names and error messages
 * come from outside, and an ESC or BEL in them would set the window title, clear the screen or
 * worse. Readable output shows control characters as their visible Unicode pictures ("␛", "␇");
 * JSON escapes them, C1 and DEL included (JSON.stringify leaves those raw).
 */

/** C0 controls but tab and newline, DEL, and C1 controls (0x80-0x9F, e.g. the 8-bit CSI 0x9B). */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
const JSON_UNSAFE = /[\u007f-\u009f]/g;

/** Text safe to print: each control character replaced by a visible stand-in. */
export function safeText(text: string): string {
  return text.replace(CONTROL, (c) => {
    const code = c.charCodeAt(0);
    if (code < 0x20) return String.fromCharCode(0x2400 + code); // ␀ … ␟
    if (code === 0x7f) return '\u2421'; // ␡
    return '\uFFFD';
  });
}

/** One line for standard error: controls made visible, line breaks folded into spaces. */
export function safeLine(message: string): string {
  return safeText(message.replace(/\s*[\r\n]+\s*/g, ' ').trim()).replace(/\t/g, ' ');
}

/** Every string inside `value` made safe with safeText (for the readable report). */
export function safeStrings<T>(value: T): T {
  if (typeof value === 'string') return safeText(value) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => safeStrings(v)) as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = safeStrings(v);
    return out as T;
  }
  return value;
}

/** JSON with no raw control character in it: the same value, with DEL and C1 escaped too. */
export function safeJson(value: unknown, space?: number): string {
  return JSON.stringify(value, null, space).replace(
    JSON_UNSAFE,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
