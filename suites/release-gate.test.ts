// The release gate on both runtimes, one after the other, in one file: local (release-gate-local.ts), then docker
// (release-gate-docker.ts). One file because npm test runs the gate beside the unit and cli files, which yield the
// CPU to it (vitest.config.ts): two gate files would be run side by side, and six lanes on two cores miss targets.
import './release-gate-local.ts';
import './release-gate-docker.ts';
