import { describe, expect, test } from 'vitest';
import type { Diagnostic } from '../../src/io/diagnostics.js';
import { acceptDefinedPriorityClasses, unknownPriorityClassMessage } from '../../src/io/manifests/priorityclass.js';
import type { Manifest } from '../../src/model/scenario.js';

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
