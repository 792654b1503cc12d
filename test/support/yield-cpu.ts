// A setup file: this test worker, and every process it starts from now on, runs at a lower CPU priority
// (nice 10), so that the release gate running beside it in npm test keeps the CPU whenever it wants it: its
// lanes measure time, these files do not. Linux keeps a nice value per thread: each of the worker's threads is
// set (threads and processes started later inherit it).
import { readdirSync } from 'node:fs';
import { setPriority } from 'node:os';

// 10, not 19: CFS then weighs the gate's processes 9 to 1 against these (68 to 1 at 19), and a bounded wait of
// theirs (a CLI that must exit within 15 s) still gets a tenth of a busy core.
const niceness = 10;
for (const thread of readdirSync('/proc/self/task')) setPriority(Number(thread), niceness);
