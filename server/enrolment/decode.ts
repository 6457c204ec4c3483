/** What a spreadsheet's "CSV" may be written in, told apart without asking the person. */
export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

/** Why the bytes could not be read as text: `params` as the message catalogue words them (context nul, neither or invalid). */
export type Decoded = { ok: true; text: string; encoding: TextEncoding } | { ok: false; message: string; params: Record<string, string | number> };

const advice = 'save the file again as "CSV UTF-8" (Excel: File > Save As > CSV UTF-8) and import it again';

/**
 * Decodes the bytes of a CSV file: a byte order mark names UTF-8 or UTF-16;
 * otherwise valid UTF-8 is UTF-8, and anything else is Windows-1252 (what
 * Excel's plain "CSV" is on a French Windows) unless it holds bytes that
 * encoding leaves unassigned or NUL bytes, which no spreadsheet writes in text.
 */
export function decodeText(bytes: Uint8Array): Decoded {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return strict('utf-8', bytes.subarray(3));
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return strict('utf-16le', bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return strict('utf-16be', bytes.subarray(2));
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    return {
      ok: false,
      message: `the file holds a NUL byte at offset ${nul}: it looks like UTF-16 without a byte order mark, or not a text file at all; ${advice}`,
      params: { context: 'nul', offset: nul },
    };
  }
  const utf8 = strict('utf-8', bytes);
  if (utf8.ok) return utf8;
  const text = new TextDecoder('windows-1252').decode(bytes);
  // WHATWG maps the five bytes Windows-1252 leaves unassigned to C1 controls.
  const unassigned = /[\u0080-\u009f]/.exec(text);
  if (unassigned !== null) {
    return {
      ok: false,
      message: `the file is neither UTF-8 nor Windows-1252 (byte 0x${unassigned[0].charCodeAt(0).toString(16)} at offset ${unassigned.index} has no meaning in either); ${advice}`,
      params: { context: 'neither', byte: `0x${unassigned[0].charCodeAt(0).toString(16)}`, offset: unassigned.index },
    };
  }
  return { ok: true, text, encoding: 'windows-1252' };
}

function strict(encoding: 'utf-8' | 'utf-16le' | 'utf-16be', bytes: Uint8Array): Decoded {
  try {
    return { ok: true, text: new TextDecoder(encoding, { fatal: true }).decode(bytes), encoding };
  } catch {
    const bom = encoding === 'utf-8' ? '' : ' (its byte order mark says so)';
    return { ok: false, message: `the file is not valid ${encoding.toUpperCase()}${bom}; ${advice}`, params: { context: 'invalid', encoding: encoding.toUpperCase() } };
  }
}
