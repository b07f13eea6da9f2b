import { describe, expect, it } from 'vitest';
import { detectLanguage } from '../../src/prompts/language.js';
import { detectTechStack } from '../../src/prompts/tech-stack.js';

describe('detectLanguage', () => {
  it.each([
    [['app/main.py', 'app/models.py', 'README.md', 'pyproject.toml'], 'Python'],
    [['src/index.ts', 'src/a.ts', 'scripts/build.js', 'package.json'], 'TypeScript'],
    [['index.mjs', 'lib/util.cjs'], 'JavaScript'],
    [['cmd/main.go', 'go.mod'], 'Go'],
    [['src/main.rs', 'Cargo.toml'], 'Rust'],
    [['src/main/java/App.java'], 'Java'],
  ])('%j → %s', (files, language) => {
    expect(detectLanguage(files)).toBe(language);
  });

  it('ignores generated, vendored and declaration files', () => {
    expect(detectLanguage(['node_modules/x/index.js', 'dist/a.js', 'types/a.d.ts', 'main.py'])).toBe(
      'Python',
    );
  });

  it('is undefined when no source file is recognised', () => {
    expect(detectLanguage(['README.md', 'data.csv'])).toBeUndefined();
  });
});

describe('detectTechStack', () => {
  it('names the tools whose marker files are present, each once', () => {
    expect(
      detectTechStack([
        'package.json',
        'tsconfig.json',
        'tsconfig.build.json',
        'vitest.config.ts',
        'eslint.config.js',
      ]),
    ).toBe('Node.js/npm (package.json), TypeScript, Vitest, ESLint');
    expect(detectTechStack(['pyproject.toml', 'tests/conftest.py'])).toBe('Python (pyproject.toml), pytest');
    expect(detectTechStack(['src/app.py'])).toBe('');
  });
});
