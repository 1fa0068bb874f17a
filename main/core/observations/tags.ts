/** Quick observation tags. Plain data: the renderer imports it too. */
import { CLINICIAN_REQUEST_TAG } from '../pure/observations/vitals';

/** Default quick tags, CLINICAL.md section 5, each with its one-key shortcut. */
export const DEFAULT_TAGS: { label: string; key: string }[] = [
  ['dissociation', '1'],
  ['drowsy/sedated', '2'],
  ['nausea', '3'],
  ['vomiting', '4'],
  ['dizziness/vertigo', '5'],
  ['headache', '6'],
  ['anxiety/distress', '7'],
  ['agitation', '8'],
  ['emotional release/crying', '9'],
  ['perceptual change', '0'],
  ['confusion', 'F1'],
  ['blurred/double vision', 'F2'],
  ['numbness', 'F3'],
  ['speaking/insight shared', 'F4'],
  [CLINICIAN_REQUEST_TAG, 'F5'],
  ['bathroom assist (fall risk)', 'F6'],
  ['music change requested', 'F7'],
  ['eye shades off', 'F8'],
  ['resting quietly', 'F9'],
].map(([label, key]) => ({ label: label!, key: key! }));

/** Keys a tag may use: a digit or F1-F12 (letters start a typed note). */
export const TAG_KEY = /^(?:[0-9]|F(?:[1-9]|1[0-2]))$/;
