/** The FTPS transfer engine (plain Node; the router exposes it over IPC). */
export { TransferEngine, type TransferEngineOptions } from './transfer-engine';
export { RemoteBrowser, isValidNewName } from './remote-browser';
export { TransferError } from './errors';
export { isFetchableRemoteName, toSafeLocalName, isInside, safeJoin, isValidRemotePath } from './safe-names';
export { normalizeFingerprint } from './tls-pin';
export type * from './types';
