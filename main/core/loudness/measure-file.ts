/** Measures one audio file: decode in chunks, meter as it goes. */
import { RoomError } from '../pure/errors';
import { channelWeights } from './channels';
import { decodeFile, undecodableSentence } from './decode';
import { LoudnessMeter, type LoudnessMeasurement } from './meter';

export async function measureFile(file: string): Promise<LoudnessMeasurement> {
  let meter: LoudnessMeter | null = null;
  // Reused so that a chunk with fewer channels than the file (see decode.ts) costs no allocation.
  let expanded: Float32Array[] = [];
  await decodeFile(file, (channels, sampleRate, info) => {
    if (!meter) {
      const count = Math.max(channels.length, info.declaredChannels ?? 0);
      meter = new LoudnessMeter(sampleRate, channelWeights(count, info.channelOrder));
      expanded = new Array<Float32Array>(count);
    }
    if (sampleRate !== meter.sampleRate || channels.length > meter.channelCount) {
      throw new RoomError('audio-undecodable', undecodableSentence(file));
    }
    if (channels.length === meter.channelCount) {
      meter.push(channels);
      return;
    }
    // Identical channels were folded into one by the decoder: give every channel the first one.
    for (let c = 0; c < expanded.length; c++) expanded[c] = channels[c] ?? channels[0]!;
    meter.push(expanded);
  });
  return (meter as LoudnessMeter | null)!.result();
}
