// Escape sequences: CSI (ESC [ or the C1 byte 0x9b), strings ended by BEL or ST (OSC, DCS, SOS, PM, APC), and two-byte ESC sequences.
const ESCAPE_SEQUENCE = /(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]|(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?|\x1b[ -~]?/g;
// What is left that a terminal would act on: C0 controls but the tab, DEL, C1 controls, and bidi overrides that reorder what is shown.
const CONTROL = /[\x00-\x08\x0a-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const visible = (char: string): string => {
  const code = char.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16).padStart(4, "0")}`;
};

/**
 * Task output as a terminal may show it: escape sequences (colours, cursor moves, window titles,
 * OSC 52 clipboard writes) are dropped and other control characters shown as `\xNN`, so a task
 * can neither forge the runner's own lines nor act on the terminal. Log files keep the raw bytes.
 */
export function terminalText(text: string): string {
  return text.replace(ESCAPE_SEQUENCE, "").replace(CONTROL, visible);
}

/** JSON text whose characters a terminal would act on are written as `\uNNNN` (JSON.stringify leaves DEL, C1 and bidi controls raw). */
export function terminalSafeJson(json: string): string {
  return json.replace(CONTROL, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
