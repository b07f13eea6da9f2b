import { analyzeEslint } from './eslint.js';
import { analyzeJest } from './jest.js';
import { analyzeMypy } from './mypy.js';
import { analyzeNodeTest } from './node-test.js';
import { analyzePytest } from './pytest.js';
import { analyzeRuff } from './ruff.js';
import { analyzeTsc } from './tsc.js';
import type { Analyzer } from './types.js';
import { analyzeVitest } from './vitest.js';

/** Every analyser; each recognises its own tool's output, so a multi-step hook can match several. */
export const ANALYZERS: readonly Analyzer[] = [
  analyzePytest,
  analyzeVitest,
  analyzeJest,
  analyzeNodeTest,
  analyzeTsc,
  analyzeEslint,
  analyzeRuff,
  analyzeMypy,
];
