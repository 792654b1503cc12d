/** The docker CLI firedrill runs (teardown, the reaper, `docker exec`); FIREDRILL_DOCKER_BIN names another. */
export const dockerBin = process.env.FIREDRILL_DOCKER_BIN ?? 'docker';
