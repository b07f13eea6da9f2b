// The Action's bundle (`dist/index.js`) serves both `main` and `post`; `run` tells them apart.
import { run } from './main.js';

await run();
