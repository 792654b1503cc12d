// A setup file: once a test file's tests are done, the directories it made with testTempDir are removed.
import { afterAll } from 'vitest';
import { removeTestTempDirs } from './temp-dirs.ts';

afterAll(removeTestTempDirs);
