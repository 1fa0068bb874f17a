/**
 * MLLP framing (HL7 v2 over TCP: 0x0B, the message, 0x1C 0x0D). Written here because @medplum/hl7, the package with
 * Medplum's MLLP classes, pins an older @medplum/core exactly and would install a second copy of it beside ours.
 */
export const START_BLOCK = 0x0b;
export const END_BLOCK = 0x1c;
export const CARRIAGE_RETURN = 0x0d;
/** A message larger than this is not a vital-signs observation: the connection is answered and closed. */
export const MAX_MESSAGE_BYTES = 256 * 1024;

export const frame = (message: string): Buffer =>
  Buffer.concat([Buffer.from([START_BLOCK]), Buffer.from(message, 'utf8'), Buffer.from([END_BLOCK, CARRIAGE_RETURN])]);

/** Collects bytes into whole MLLP messages; bytes outside a frame are skipped; `tooLarge` once a frame passes the limit. */
export class MllpReader {
  private buffer = Buffer.alloc(0);
  tooLarge = false;

  push(chunk: Buffer): string[] {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    const messages: string[] = [];
    for (;;) {
      const start = this.buffer.indexOf(START_BLOCK);
      if (start < 0) {
        this.buffer = Buffer.alloc(0);
        break;
      }
      const end = this.buffer.indexOf(END_BLOCK, start + 1);
      if (end < 0) {
        this.buffer = this.buffer.subarray(start);
        if (this.buffer.length > MAX_MESSAGE_BYTES) this.tooLarge = true;
        break;
      }
      messages.push(this.buffer.subarray(start + 1, end).toString('utf8'));
      const after = this.buffer[end + 1] === CARRIAGE_RETURN ? end + 2 : end + 1;
      this.buffer = this.buffer.subarray(after);
    }
    return messages;
  }
}
