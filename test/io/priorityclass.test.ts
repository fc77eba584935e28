import { describe, expect, test } from 'vitest';
import type { Diagnostic } from '../../src/io/diagnostics.js';
import { acceptDefinedPriorityClasses, unknownPriorityClassMessage } from '../../src/io/manifests/priorityclass.js';
import type { Manifest } from '../../src/model/scenario.js';
import { loadWith } from './helpers.js';

function unknown(line: number, name: string): Diagnostic {
  return { severity: 'error', file: 'f', line, col: 1, path: 'spec.priorityClassName', code: 'reference-unknown', message: unknownPriorityClassMessage(name) };
}

function other(line: number): Diagnostic {
  return { severity: 'warning', file: 'f', line, col: 1, path: '', code: 'field-invalid', message: 'other' };
}

describe('acceptDefinedPriorityClasses', () => {
  test('drops the errors for classes the scenario defines; the rest keep their order', () => {
    const diagnostics = [unknown(1, 'later'), other(2), unknown(3, 'never'), unknown(4, 'later'), other(5)];
    acceptDefinedPriorityClasses([{ kind: 'PriorityClass', name: 'later' } as Manifest], diagnostics);
    expect(diagnostics).toEqual([other(2), unknown(3, 'never'), other(5)]);
  });

  test('without PriorityClass objects, nothing changes', () => {
    const diagnostics = [unknown(1, 'later'), other(2)];
    acceptDefinedPriorityClasses([], diagnostics);
    expect(diagnostics).toEqual([unknown(1, 'later'), other(2)]);
  });
});

describe('PriorityClasses named system-', () => {
  const pc = (name: string, value: number, extra = '') =>
    `apiVersion: scheduling.k8s.io/v1\nkind: PriorityClass\nmetadata: {name: ${name}}\nvalue: ${value}\n${extra}`;

  test('a built-in class as a cluster export holds it loads, as the class already there, and pods may use it', () => {
    const { scenario, lines } = loadWith(
      `${pc('system-node-critical', 2000001000, 'globalDefault: false\npreemptionPolicy: PreemptLowerPriority\ndescription: Used for system critical pods that must not be moved from their current node.\n')}---\n` +
        `${pc('system-cluster-critical', 2000000000)}---\napiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  priorityClassName: system-cluster-critical\n  containers: [{name: c, image: "busybox:1.36"}]\n`,
    );
    expect(lines).toEqual([]);
    expect(scenario!.objects.map((m) => m.kind)).toEqual(['Pod']);
  });

  test.each([
    ['system-node-critical', 5, '', 'value of system-node-critical PriorityClass must be 2000001000'],
    ['system-cluster-critical', 2000000000, 'globalDefault: true\n', 'globalDefault of system-cluster-critical PriorityClass must be false'],
    ['system-mine', 10, '', 'system-mine is not a known system priority class'],
  ])('%s with value %d is refused with IsKnownSystemPriorityClass\'s reason', (name, value, extra, reason) => {
    const { lines } = loadWith(pc(name, value, extra));
    expect(lines).toEqual([`s.yml:6:12: error: The PriorityClass "${name}" is invalid: metadata.name: Forbidden: priority class names with 'system-' prefix are reserved for system use only. error: ${reason}`]);
  });
});
