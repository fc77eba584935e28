import { describe, expect, test } from 'vitest';
import { type Diagnostic, formatDiagnostic, sortDiagnostics } from '../../src/io/diagnostics.js';
import { objectDocuments } from '../../src/io/documents.js';
import { convertObjects } from '../../src/io/manifests/registry.js';
import { parseYamlFile } from '../../src/io/yaml/parse.js';
import type { WorkloadManifest } from '../../src/model/scenario.js';

type Pdb = Extract<WorkloadManifest, { kind: 'PodDisruptionBudget' }>;

function convert(spec: string, apiVersion = 'policy/v1'): { pdb?: Pdb; lines: string[] } {
  const text = `apiVersion: ${apiVersion}\nkind: PodDisruptionBudget\nmetadata: {name: web}\nspec:\n${spec}\n`;
  const parsed = parseYamlFile({ path: 'pdb.yml', bytes: new TextEncoder().encode(text), text });
  const diagnostics: Diagnostic[] = [...parsed.diagnostics];
  const [m] = convertObjects(objectDocuments(parsed.documents, diagnostics), new Set());
  return { ...(m?.kind === 'PodDisruptionBudget' ? { pdb: m } : {}), lines: sortDiagnostics(diagnostics).map(formatDiagnostic) };
}

describe('PodDisruptionBudget manifests', () => {
  test('keep minAvailable or maxUnavailable as a number or a percentage, the selector, and the unhealthy pod policy (default IfHealthyBudget)', () => {
    expect(convert('  minAvailable: 2\n  selector: {matchLabels: {app: web}}').pdb!.spec).toEqual({ minAvailable: 2, selector: { matchLabels: { app: 'web' } }, unhealthyPodEvictionPolicy: 'IfHealthyBudget' });
    expect(convert('  maxUnavailable: "25%"\n  selector: {}\n  unhealthyPodEvictionPolicy: AlwaysAllow').pdb!.spec).toEqual({ maxUnavailable: '25%', selector: {}, unhealthyPodEvictionPolicy: 'AlwaysAllow' });
    expect(convert('  minAvailable: 1').pdb!.spec.selector).toBeUndefined();
  });

  test.each([
    ['both bounds', '  minAvailable: 1\n  maxUnavailable: 1\n  selector: {matchLabels: {app: web}}', 'pdb.yml:4:1: error: The PodDisruptionBudget "web" is invalid: spec: Invalid value: {"minAvailable":1,"selector":{"matchLabels":{"app":"web"}},"maxUnavailable":1}: minAvailable and maxUnavailable cannot be both set'],
    ['a negative number', '  minAvailable: -1', 'pdb.yml:5:3: error: The PodDisruptionBudget "web" is invalid: spec.minAvailable: Invalid value: -1: must be greater than or equal to 0'],
    ['over 100%', '  maxUnavailable: "120%"', 'pdb.yml:5:3: error: The PodDisruptionBudget "web" is invalid: spec.maxUnavailable: Invalid value: "120%": must not be greater than 100%'],
    ['an unknown policy', '  minAvailable: 1\n  unhealthyPodEvictionPolicy: Never', 'pdb.yml:6:3: error: The PodDisruptionBudget "web" is invalid: spec.unhealthyPodEvictionPolicy: Unsupported value: "Never": supported values: "AlwaysAllow", "IfHealthyBudget"'],
  ])('refuse %s', (_, spec, line) => {
    expect(convert(spec).lines).toEqual([line]);
  });

  test('policy/v1beta1 is no longer served (removed in v1.25)', () => {
    expect(convert('  minAvailable: 1', 'policy/v1beta1').lines).toEqual(['pdb.yml:1:1: error: no matches for kind "PodDisruptionBudget" in version "policy/v1beta1"']);
  });
});
