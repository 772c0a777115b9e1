import { coreSuite } from './suites/core.ts';
const rows = await coreSuite.run({ rounds: 1, minSeconds: 4, warmupSeconds: 1 });
console.log(rows);
