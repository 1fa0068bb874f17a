/**
 * BS.1770 channel weights: front channels 1.0, surrounds 1.41, LFE left out.
 * Layouts follow the channel order of the container.
 */

/** 'wav' covers WAV, FLAC and MP3 (L R C LFE Ls Rs); 'vorbis' covers Ogg Vorbis and Opus (L C R Ls Rs LFE). */
export type ChannelOrder = 'wav' | 'vorbis';

const SURROUND = 1.41;

export function channelWeights(channelCount: number, order: ChannelOrder = 'wav'): number[] {
  if (order === 'vorbis') {
    if (channelCount === 4) return [1, 1, SURROUND, SURROUND]; // L R Ls Rs
    if (channelCount === 5) return [1, 1, 1, SURROUND, SURROUND]; // L C R Ls Rs
    if (channelCount === 6) return [1, 1, 1, SURROUND, SURROUND, 0]; // L C R Ls Rs LFE
  } else {
    if (channelCount === 5) return [1, 1, 1, SURROUND, SURROUND]; // L R C Ls Rs
    if (channelCount === 6) return [1, 1, 1, 0, SURROUND, SURROUND]; // L R C LFE Ls Rs
  }
  // Mono, stereo, three front channels and layouts BS.1770 does not name: every channel counts fully.
  return Array.from({ length: channelCount }, () => 1);
}
