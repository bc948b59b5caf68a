/** The gateway's TCP connection to a session host. */
import { connect, type Socket } from 'node:net';
import type { SessionTarget } from './reference-host';

const CONNECT_TIMEOUT_MS = 5000;

/** Connects to `target`, failing when it refuses or does not answer in 5 s. */
export function openSocket(target: SessionTarget): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: target.host, port: target.port });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error('host did not answer'));
    }, CONNECT_TIMEOUT_MS);
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.setNoDelay(true);
      resolve(socket);
    });
    socket.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}
