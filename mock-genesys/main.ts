// `node dist/mock-genesys.js` (the image): the mock alone. It does not ship the harness,
// so the console lists scenarios and gives their curl command, but cannot Run them.
import { serveMock } from './serve.js';

serveMock();
