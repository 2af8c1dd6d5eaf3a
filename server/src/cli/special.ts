/** Files the command line refuses to read: FIFOs, devices, sockets (shared by input expansion and the check). */

import type * as fs from 'node:fs';

export type SpecialFileType = 'fifo' | 'character-device' | 'block-device' | 'socket' | 'other';

/** What kind of non-regular file `st` describes. */
export function specialType(st: fs.Stats): SpecialFileType {
  if (st.isFIFO()) return 'fifo';
  if (st.isCharacterDevice()) return 'character-device';
  if (st.isBlockDevice()) return 'block-device';
  if (st.isSocket()) return 'socket';
  return 'other';
}
