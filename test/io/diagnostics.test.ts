import { describe, expect, test } from 'vitest';
import { type Diagnostic, PodsimIoError, formatDiagnostic, hasErrors, sortDiagnostics } from '../../src/io/diagnostics.js';
import { fieldMessage, invalidBody, requiredBody, unsupportedBody, duplicateBody } from '../../src/io/field-errors.js';

const d = (file: string, line: number, col: number, severity: Diagnostic['severity'] = 'error'): Diagnostic => ({
  severity, file, line, col, path: '', code: 'field-invalid', message: `${file}@${line}:${col}`,
});

describe('diagnostics', () => {
  test('a diagnostic prints as file:line:col: severity: message', () => {
    expect(formatDiagnostic(d('a.yml', 3, 7))).toBe('a.yml:3:7: error: a.yml@3:7');
    expect(formatDiagnostic(d('a.yml', 1, 1, 'warning'))).toBe('a.yml:1:1: warning: a.yml@1:1');
  });

  test('diagnostics sort by file, then line, then column, keeping report order for ties', () => {
    const tie = { ...d('b.yml', 2, 1), message: 'second' };
    const sorted = sortDiagnostics([d('b.yml', 2, 1), d('a.yml', 9, 9), d('b.yml', 1, 5), tie, d('b.yml', 2, 0)]);
    expect(sorted.map((x) => `${x.file}:${x.line}:${x.col}:${x.message}`)).toEqual([
      'a.yml:9:9:a.yml@9:9', 'b.yml:1:5:b.yml@1:5', 'b.yml:2:0:b.yml@2:0', 'b.yml:2:1:b.yml@2:1', 'b.yml:2:1:second',
    ]);
  });

  test('only errors count as errors', () => {
    expect(hasErrors([d('a', 1, 1, 'warning')])).toBe(false);
    expect(hasErrors([d('a', 1, 1, 'warning'), d('a', 1, 1)])).toBe(true);
  });

  test('the io error class carries a literal code and becomes a diagnostic', () => {
    const e = new PodsimIoError('file-unreadable', 'x.yml: no such file', { file: 'x.yml', line: 1, col: 1 });
    expect(e).toBeInstanceOf(Error);
    expect(e.code).toBe('file-unreadable');
    expect(formatDiagnostic(e.toDiagnostic())).toBe('x.yml:1:1: error: x.yml: no such file');
  });
});

describe("field errors use the API server's wording", () => {
  test.each([
    [fieldMessage('spec.replicas', invalidBody('five', 'must be an integer')), 'spec.replicas: Invalid value: "five": must be an integer'],
    [fieldMessage('spec.replicas', invalidBody(-1, 'must be greater than or equal to 0')), 'spec.replicas: Invalid value: -1: must be greater than or equal to 0'],
    [fieldMessage('spec.containers', requiredBody()), 'spec.containers: Required value'],
    [fieldMessage('x', requiredBody('can not be empty')), 'x: Required value: can not be empty'],
    [fieldMessage('spec.restartPolicy', unsupportedBody('Sometimes', ['Always', 'OnFailure', 'Never'])),
      'spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"'],
    [fieldMessage('spec.containers[1].name', duplicateBody('web')), 'spec.containers[1].name: Duplicate value: "web"'],
    [fieldMessage('a', invalidBody('tab\there', 'bad')), 'a: Invalid value: "tab\\there": bad'],
  ])('%s', (got, want) => expect(got).toBe(want));
});
