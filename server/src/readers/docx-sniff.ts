/** What an office file is, from its first bytes (cheap; used by the dispatch before any reader loads). */

/** An OLE compound file (old .doc/.wps, or an encrypted .docx). */
export function isOle(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0 && bytes[4] === 0xa1 && bytes[5] === 0xb1 && bytes[6] === 0x1a && bytes[7] === 0xe1;
}

/** A password-protected .docx is an OLE file holding an `EncryptedPackage` stream. */
export function isEncryptedOffice(bytes: Uint8Array): boolean {
  if (!isOle(bytes)) return false;
  const needle = 'EncryptedPackage';
  const n = Math.min(bytes.length, 1 << 20);
  outer: for (let i = 0; i + needle.length * 2 <= n; i++) {
    for (let k = 0; k < needle.length; k++) if (bytes[i + 2 * k] !== needle.charCodeAt(k) || bytes[i + 2 * k + 1] !== 0) continue outer;
    return true;
  }
  return false;
}

export function isZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 0x03 || bytes[2] === 0x05) && (bytes[3] === 0x04 || bytes[3] === 0x06);
}

