import http from 'node:http';
import type { Config } from '../config/index.js';
import { createWebApp } from './http/app.js';
import { createKernel, type Kernel, type KernelOptions } from './kernel.js';

export interface RunningSite {
  kernel: Kernel;
  server: http.Server;
  /** Stops accepting, lets requests in flight finish (up to SHUTDOWN_TIMEOUT_SECONDS), then closes everything. */
  stop(): Promise<void>;
}

/** Builds the kernel and the web app and listens on HOST:PORT. */
export async function startSite(config: Config, options: KernelOptions = {}): Promise<RunningSite> {
  const kernel = await createKernel(config, { watchPlugins: true, ...options });
  const { app, sessions } = await createWebApp(kernel);
  const server = http.createServer(app);
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.PORT, config.HOST, () => resolve());
  });
  kernel.logger.info({ url: config.PUBLIC_URL, database: kernel.database.kind, theme: config.THEME }, 'site ready');

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const deadline = setTimeout(() => {
        kernel.logger.warn('requests still running at the shutdown deadline; closing their connections');
        server.closeAllConnections();
      }, config.SHUTDOWN_TIMEOUT_SECONDS * 1000 - 1000);
      deadline.unref();
      await closed;
      clearTimeout(deadline);
      await sessions.close();
      await kernel.close();
    })();
    return stopping;
  };
  return { kernel, server, stop };
}
