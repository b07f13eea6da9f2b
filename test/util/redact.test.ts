import { describe, expect, it } from 'vitest';
import { createRedactor, StreamRedactor } from '../../src/util/redact.js';
import { runSecrets } from '../../src/util/run-secrets.js';
import { isCredentialName } from '../../src/util/secret-names.js';

const KEY = 'sk-ant-0123456789abcdef';
const TOKEN = 'ghp_abcdefghij0123456789';

describe('createRedactor', () => {
  it('masks every occurrence, the longer of two overlapping secrets whole, and not short values', () => {
    const redact = createRedactor([KEY, `${KEY}-extended`, 'true', '', undefined, ` ${TOKEN}\n`]);

    expect(redact(`a ${KEY} b ${KEY}-extended c ${TOKEN} true`)).toBe('a *** b *** c *** true');
  });

  it('masks a secret as it appears inside a JSON string', () => {
    const redact = createRedactor(['pa"ss\\word']);

    expect(redact(JSON.stringify({ out: 'x pa"ss\\word y' }))).toBe('{"out":"x *** y"}');
  });
});

describe('StreamRedactor', () => {
  it('masks a secret cut between two chunks, holding back only what may start one', () => {
    const stream = new StreamRedactor(createRedactor([TOKEN]));

    const written = [
      stream.write('token=ghp_abc'),
      stream.write('defghij0123456789 and on\nghp'),
      stream.flush(),
    ];

    expect(written).toEqual(['token=', '*** and on\n', 'ghp']);
  });

  it('writes text that cannot start a secret at once', () => {
    const stream = new StreamRedactor(createRedactor([TOKEN]));

    expect(stream.write('no secret here: ')).toBe('no secret here: ');
    expect(stream.flush()).toBe('');
  });

  it('masks a secret that arrives one character at a time', () => {
    const stream = new StreamRedactor(createRedactor([KEY, TOKEN]));
    const text = `key ${KEY}, token ${TOKEN}.`;

    const out = [...text].map((c) => stream.write(c)).join('') + stream.flush();

    expect(out).toBe('key ***, token ***.');
  });
});

describe('isCredentialName', () => {
  it.each([
    'ANTHROPIC_API_KEY',
    'OPENAI_API_KEY',
    'GITHUB_TOKEN',
    'GH_TOKEN',
    'GITHUB_PAT',
    'NPM_TOKEN',
    'MY_SERVICE_PASSWORD',
    'DBPASSWORD',
    'AWS_SECRET_ACCESS_KEY',
    'CLIENT_SECRET',
    'ACTIONS_RUNTIME_TOKEN',
    'ACTIONS_ID_TOKEN_REQUEST_TOKEN',
    'INPUT_GITHUB-TOKEN',
    'INPUT_ANTHROPIC-API-KEY',
    'INPUT_DEPLOY-KEY',
    'github_token',
  ])('%s is a credential', (name) => expect(isCredentialName(name)).toBe(true));

  it.each([
    'PATH',
    'HOME',
    'KEYBOARD_LAYOUT',
    'INPUT_STATE-KEY',
    'INPUT_TASK-FILE',
    'ACTIONS_RESULTS_URL',
    'TOKENIZERS_PARALLELISM',
  ])('%s is not', (name) => expect(isCredentialName(name)).toBe(false));
});

describe('runSecrets', () => {
  it('takes the API keys, the credential variables of the environment and of the hooks’ own env', () => {
    const secrets = runSecrets(
      {
        providers: { claude: { api_key: KEY }, local: {} },
        hooks: { db: { env: { DB_PASSWORD: 'hunter2-db', DB_NAME: 'widgets' } } },
      },
      { GITHUB_TOKEN: TOKEN, PATH: '/usr/bin', UNSET_TOKEN: undefined },
    );

    expect(secrets.sort()).toEqual([TOKEN, 'hunter2-db', KEY].sort());
  });
});
