/** What one tool's output says went wrong, as read by an analyser. */

/** `test`: a failing test; `suite`: a test file that could not load; `type`/`lint`: a reported error. */
export type FindingKind = 'test' | 'suite' | 'type' | 'lint';

export interface Finding {
  kind: FindingKind;
  /** Test name (`test_login`, `math > subtracts`) or, for compiler and linter errors, the position. */
  subject: string;
  /** `file:line[:column]` where the failure happened, when the output says. */
  location?: string;
  /** One line: the error, e.g. `AssertionError: assert 401 == 200` or `Type 'string' is not assignable…`. */
  message: string;
  /** Rule or diagnostic code, e.g. `TS2322`, `F401`, `no-unused-vars`. */
  code?: string;
}

export interface ToolReport {
  /** The tool recognised: `pytest`, `vitest`, `jest`, `node:test`, `tsc`, `eslint`, `ruff`, `mypy`. */
  tool: string;
  findings: Finding[];
  /** Output lines that show the failure (error lines, assertion details, summary lines), in order. */
  relevant: string[];
  /** Index of the first line that belongs to this tool, to order reports from a multi-step hook. */
  position: number;
  /** Extra facts worth passing on, e.g. how many problems `--fix` could fix. */
  notes: string[];
}

/** Reads normalised output lines; `undefined` when the output is not from its tool or shows no failure. */
export type Analyzer = (lines: string[]) => ToolReport | undefined;
