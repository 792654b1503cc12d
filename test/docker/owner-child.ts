// Child process for reaping tests: starts a Redis container for env $ENV_ID on
// $PORT, prints "started <id>", then either waits to be killed ($MODE=hang) or
// exits without tearing down ($MODE=exit), leaving it to the exit hook.
import { Ready } from '../../src/runtime/docker/readiness.ts';
import { startContainer } from '../../src/runtime/docker/start-container.ts';

const container = await startContainer({
  envId: process.env.ENV_ID!,
  role: 'redis',
  image: 'firedrill/redis:7',
  args: ['--port', process.env.PORT!, '--bind', '127.0.0.1', '--save', ''],
  readiness: Ready.logLine(/Ready to accept connections/),
});
console.log(`started ${container.id}`);
if (process.env.MODE === 'exit') process.exit(0);
setInterval(() => {}, 1000);
