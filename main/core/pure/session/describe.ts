import { describeMusic } from '../music/playback-log';
import type { EntryRecord, MusicRecord } from './fold';

/** One line for an entry, the same on screen and in the report. */
export function describeEntry(e: EntryRecord | MusicRecord): string {
  switch (e.kind) {
    case 'observation':
      return [e.payload.tags.join(', '), e.payload.text ?? ''].filter(Boolean).join(': ');
    case 'vitals': {
      const v = e.payload.values;
      const parts = [
        v.systolic !== undefined ? `BP ${v.systolic}/${v.diastolic}` : '',
        v.heartRate !== undefined ? `HR ${v.heartRate}` : '',
        v.spo2 !== undefined ? `SpO2 ${v.spo2}%` : '',
        v.respiratoryRate !== undefined ? `RR ${v.respiratoryRate}` : '',
      ];
      const pre = e.payload.preDose ? ' (pre-dose)' : '';
      const source = e.payload.source;
      if (!source) return `Vitals: ${parts.filter(Boolean).join(', ')}${pre}`;
      // A device reading says so, with the monitor's name: on screen and in the report alike.
      if (source.kind === 'desaturation' && source.episode) {
        const ep = source.episode;
        return `Desaturation (${source.device}): SpO2 down to ${ep.lowestSpo2}% below ${ep.below}% for ${ep.lengthSec} s${ep.ongoing ? ', ongoing' : ', ended'}${pre}`;
      }
      if (source.kind === 'minute' && source.summary) {
        const sm = source.summary;
        const low = [
          sm.lowest.heartRate !== undefined ? `HR ${sm.lowest.heartRate}` : '',
          sm.lowest.spo2 !== undefined ? `SpO2 ${sm.lowest.spo2}%` : '',
        ].filter(Boolean);
        return `Monitor minute (${source.device}): median ${parts.filter(Boolean).join(', ')}; lowest ${low.join(', ')}${pre}`;
      }
      return `Vitals (${source.device}): ${parts.filter(Boolean).join(', ')}${pre}`;
    }
    case 'score': {
      const c = e.payload.content;
      if (c.scale === 'moaas') return `MOAA/S ${c.score}`;
      return `CADSS-6 total ${c.items.reduce((sum, i) => sum + i.answer, 0)} (${c.items.map((i) => `item ${i.item}: ${i.answer}`).join(', ')})`;
    }
    case 'check_in':
      return `Check-in${e.payload.note ? `: ${e.payload.note}` : ''}`;
    case 'music':
      return describeMusic(e.payload);
  }
}
