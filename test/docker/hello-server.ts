// A tiny HTTP server for the node image's test: run from the repository
// bind-mounted read-only, it resolves fastify from node_modules like the
// fixtures do. Listens on 127.0.0.1:$PORT.
import Fastify from 'fastify';

const app = Fastify();
app.get('/hello', async () => ({ hello: 'from a container', node: process.version, uid: process.getuid?.() }));
await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT) });
console.log(`hello-server listening on ${process.env.PORT}`);
