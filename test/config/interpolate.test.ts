import { describe, expect, it } from 'vitest';
import { interpolate, interpolateTree, soleVariable } from '../../src/config/interpolate.js';

describe('interpolate', () => {
  const env = { KEY: 'sk-1', EMPTY: '', HOST: 'db' };

  it('replaces ${VAR} and ${VAR:-default}', () => {
    expect(interpolate('${KEY}', env)).toEqual({ value: 'sk-1', missing: [] });
    expect(interpolate('postgres://${HOST}:${PORT:-5432}/x', env).value).toBe('postgres://db:5432/x');
  });

  it('treats an empty variable as unset, like the shell', () => {
    expect(interpolate('${EMPTY:-fallback}', env).value).toBe('fallback');
    expect(interpolate('${EMPTY}', env).missing).toEqual(['EMPTY']);
  });

  it('reports every unset variable without a default', () => {
    expect(interpolate('${A} and ${B} and ${KEY}', env).missing).toEqual(['A', 'B']);
  });

  it('turns $${ into a literal ${ and leaves other shell syntax alone', () => {
    expect(interpolate('echo $${HOME}', env)).toEqual({ value: 'echo ${HOME}', missing: [] });
    expect(interpolate('mv "$f" "${f%.txt}.md" $HOST', env).value).toBe('mv "$f" "${f%.txt}.md" $HOST');
  });

  it('names the variable a whole value is read from', () => {
    expect(soleVariable('${ANTHROPIC_API_KEY}')).toBe('ANTHROPIC_API_KEY');
    expect(soleVariable('${KEY:-dev}')).toBe('KEY');
    expect(soleVariable('sk-${KEY}')).toBeUndefined();
  });

  it('walks every string value of a file and says where each unset variable is', () => {
    const data = {
      hooks: { t: { command: 'run ${KEY}', env: { A: '${NOPE}' }, timeout: 5 } },
      list: ['${HOST}'],
    };
    const result = interpolateTree(data, env);
    expect(result.data).toEqual({
      hooks: { t: { command: 'run sk-1', env: { A: '${NOPE}' }, timeout: 5 } },
      list: ['db'],
    });
    expect(result.missing).toEqual([{ path: ['hooks', 't', 'env', 'A'], name: 'NOPE' }]);
  });
});
