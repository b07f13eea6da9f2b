import { describe, expect, it } from 'vitest';
import { locate, parseYamlSource } from '../../src/config/yaml-source.js';

const TEXT = `hooks:
  test:
    command: npm test
    timeout: 30
tasks:
  - id: a
    title: A
  - id: b
    post_hooks: [test, lint]
`;

describe('yaml source positions', () => {
  const { source, problems } = parseYamlSource(TEXT, '/repo/tasks.yml', 'tasks.yml');

  it('parses valid YAML without problems', () => {
    expect(problems).toEqual([]);
    expect(source.dir).toBe('/repo');
  });

  it('points at a value or at its key', () => {
    expect(locate(source, ['hooks', 'test', 'timeout'])).toEqual({ line: 4, column: 14 });
    expect(locate(source, ['hooks', 'test', 'timeout'], 'key')).toEqual({ line: 4, column: 5 });
    expect(locate(source, ['tasks', 1, 'post_hooks', 1])).toEqual({ line: 9, column: 24 });
  });

  it('falls back to the deepest part of the path that exists', () => {
    expect(locate(source, ['tasks', 1, 'title'])).toEqual({ line: 8, column: 5 });
    expect(locate(source, ['nothing', 'here'])).toEqual({ line: 1, column: 1 });
  });

  it('follows YAML merge keys and aliases', () => {
    const text = 'base: &base\n  timeout: 5\nhooks:\n  t:\n    <<: *base\n    command: x\n';
    const parsed = parseYamlSource(text, '/r/t.yml', 't.yml');
    expect(parsed.source.raw).toEqual({ base: { timeout: 5 }, hooks: { t: { timeout: 5, command: 'x' } } });
    expect(locate(parsed.source, ['hooks', 't', 'command'])).toEqual({ line: 6, column: 14 });
  });

  it('refuses a file that expands aliases without bound', () => {
    const lines = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 0; i < 8; i++)
      lines.push(
        `${'b'.repeat(i + 1)}: &${'b'.repeat(i + 1)} [${Array(10)
          .fill(i === 0 ? '*a' : `*${'b'.repeat(i)}`)
          .join(', ')}]`,
      );
    const parsed = parseYamlSource(lines.join('\n'), '/r/t.yml', 't.yml');
    expect(parsed.problems).toEqual([
      expect.objectContaining({ message: expect.stringContaining('YAML error') }),
    ]);
  });

  it('reports syntax errors with their line, once per line', () => {
    const parsed = parseYamlSource('a: 1\nb:\n\tc: 2\n', '/r/t.yml', 't.yml');
    expect(parsed.problems).toEqual([
      expect.objectContaining({ file: 't.yml', line: 3, column: 1, fix: expect.stringContaining('spaces') }),
    ]);
    expect(parsed.source.raw).toBeUndefined();
  });
});
