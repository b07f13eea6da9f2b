import type { Analyzer, Finding, ToolReport } from './types.js';
import { oneLine } from './text.js';

/**
 * pytest: the short test summary (`FAILED tests/x.py::test_y - msg`, on by default since pytest 6)
 * names the failures; the FAILURES/ERRORS blocks supply the untruncated `E` lines and the location
 * line (`tests/x.py:12: AssertionError`) that gives the exception type.
 */
// Node ids start with a file path (`tests/a.py::test_x`); plain `ERROR something` lines are not pytest's.
const SUMMARY = /^(FAILED|ERROR) (\S+\.(?:py|txt|rst|md)\b\S*|\S+::\S+)(?: - (.*))?$/;
const VERBOSE = /^(\S+::\S+) (FAILED|ERROR)\b/;
const BLOCK_HEADER = /^_{2,} (.+?) _{2,}$/;
const SECTION = /^={3,} (FAILURES|ERRORS) ={3,}$/;
const RULE = /^={3,}/;
const LOCATION = /^(\S+\.py):(\d+):(?: (\w+))?\s*$/;
const FINAL = /^={3,} .*\b(failed|error|errors|passed)\b.* ={3,}$/;
const EXCEPTION = /^[A-Za-z_][\w.]*(Error|Exception|Exit|Interrupt|Failed|Warning)\b/;

interface Block {
  name: string;
  errorLines: string[];
  location?: string;
  exceptionType?: string;
}

export const analyzePytest: Analyzer = (lines) => {
  const summary = lines.map((l) => SUMMARY.exec(l)).filter((m): m is RegExpExecArray => m !== null);
  const blocks = readBlocks(lines);
  const verbose = lines.map((l) => VERBOSE.exec(l)).filter((m): m is RegExpExecArray => m !== null);
  if (summary.length === 0 && blocks.length === 0 && verbose.length === 0) return undefined;
  const findings =
    summary.length > 0
      ? summary.map((m) => fromSummary(m[1] ?? '', m[2] ?? '', m[3], blocks))
      : blocks.length > 0
        ? blocks.map(fromBlock)
        : verbose.map((m) => fromSummary(m[2] ?? '', m[1] ?? '', undefined, blocks));
  return report(lines, findings);
};

function report(lines: string[], findings: Finding[]): ToolReport {
  const relevant = lines.filter(
    (l) => l.startsWith('E ') || LOCATION.test(l) || SUMMARY.test(l) || FINAL.test(l),
  );
  const first = lines.findIndex((l) => SECTION.test(l) || SUMMARY.test(l) || VERBOSE.test(l));
  return { tool: 'pytest', findings, relevant, position: Math.max(first, 0), notes: [] };
}

function readBlocks(lines: string[]): Block[] {
  const blocks: Block[] = [];
  let inSection = false;
  let current: Block | undefined;
  for (const line of lines) {
    if (SECTION.test(line)) inSection = true;
    else if (RULE.test(line)) inSection = false;
    if (!inSection) continue;
    const header = BLOCK_HEADER.exec(line);
    if (header) blocks.push((current = { name: header[1] ?? '', errorLines: [] }));
    else if (current) addToBlock(current, line);
  }
  return blocks;
}

function addToBlock(block: Block, line: string): void {
  if (line.startsWith('E ')) {
    block.errorLines.push(line.slice(1).trim());
    return;
  }
  const loc = LOCATION.exec(line);
  if (!loc) return;
  block.location = `${loc[1]}:${loc[2]}`;
  if (loc[3]) block.exceptionType = loc[3];
}

function fromSummary(status: string, nodeId: string, message: string | undefined, blocks: Block[]): Finding {
  const collecting = status === 'ERROR' && !nodeId.includes('::');
  const block = blocks.find((b) => matches(b.name, nodeId, collecting));
  const fromBlockMessage = block ? blockMessage(block) : undefined;
  const truncated = message?.endsWith('...') ?? false;
  const text =
    (truncated || !message ? fromBlockMessage : undefined) ?? message ?? fromBlockMessage ?? status;
  return {
    kind: collecting ? 'suite' : 'test',
    subject: collecting ? nodeId : testName(nodeId),
    ...(block?.location ? { location: block.location } : {}),
    message: oneLine(withType(text, block?.exceptionType)),
  };
}

function fromBlock(block: Block): Finding {
  const collecting = block.name.startsWith('ERROR collecting ');
  return {
    kind: collecting ? 'suite' : 'test',
    subject: collecting ? block.name.slice('ERROR collecting '.length) : block.name,
    ...(block.location ? { location: block.location } : {}),
    message: oneLine(withType(blockMessage(block) ?? 'failed', block.exceptionType)),
  };
}

/** The exception line if there is one (`ImportError: …`), else the first `E` line (`assert 401 == 200`). */
function blockMessage(block: Block): string | undefined {
  return block.errorLines.find((l) => EXCEPTION.test(l)) ?? block.errorLines[0];
}

function withType(message: string, type: string | undefined): string {
  if (!type || EXCEPTION.test(message) || message.startsWith(type)) return message;
  return `${type}: ${message}`;
}

/** `tests/test_a.py::TestX::test_y[1]` → `TestX::test_y[1]`; pytest's block header says `TestX.test_y[1]`. */
function testName(nodeId: string): string {
  return nodeId.split('::').slice(1).join('::') || nodeId;
}

function matches(blockName: string, nodeId: string, collecting: boolean): boolean {
  if (collecting) return blockName === `ERROR collecting ${nodeId}`;
  const name = testName(nodeId).replace(/::/g, '.');
  return blockName === name || blockName === `ERROR at setup of ${name}` || blockName.endsWith(`.${name}`);
}
