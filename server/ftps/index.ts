/** The portal's FTPS endpoint and its transfer-token API. */
export { startFtpsEndpoint, type FtpsEndpoint, type FtpsEndpointOptions } from './endpoint';
export { ensureFtpsCertificate, fingerprintOf, type FtpsCertificate } from './certificate';
export {
  TransferTokens,
  TRANSFER_TOKENS_MIGRATION,
  DEFAULT_TOKEN_TTL_MS,
  userRootFor,
  type TokenDb,
  type IssuedTransferToken,
} from './transfer-tokens';
export {
  transfersRoutes,
  type TransfersRoutesOptions,
  type TransferCredentialsBody,
} from './transfers-routes';
export { FtpsFsError, resolveVirtualPath, type FtpsEntry, type FtpsFileSystem } from './file-system';
export { JailedFileSystem } from './jailed-fs';
