import { CLUSTER_SLOTS } from './slots.js';

/**
 * CRC16-XMODEM, the checksum Redis Cluster hashes keys with. Not the `cluster-key-slot` package:
 * on a key whose first tag is empty (`a{}b{c}`) it hashes a later tag where Redis hashes the whole
 * key, and doctor must name the slot Redis uses (test/unit/doctor-key-slot.test.ts pins both cases).
 */
function crc16(bytes: Uint8Array): number {
  let crc = 0;
  for (const byte of bytes) {
    crc ^= byte << 8;
    for (let bit = 0; bit < 8; bit++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  }
  return crc;
}

/**
 * The slot Redis Cluster puts `key` in: the CRC16 of its hash tag (the text between the first
 * `{` and the next `}`, when not empty), else of the whole key; modulo 16384.
 */
export function keySlot(key: string): number {
  const bytes = Buffer.from(key);
  const open = bytes.indexOf(0x7b);
  if (open >= 0) {
    const close = bytes.indexOf(0x7d, open + 1);
    if (close > open + 1) return crc16(bytes.subarray(open + 1, close)) % CLUSTER_SLOTS;
  }
  return crc16(bytes) % CLUSTER_SLOTS;
}
