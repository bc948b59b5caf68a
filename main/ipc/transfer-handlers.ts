/**
 * `transfers:*` channel → `TransfersService` call. Spread into the
 * handler table; arguments arrive already validated by `transfer-schemas.ts`.
 */
import type { InvokeArgs, InvokeChannel, InvokeValue } from '../../common/contract';
import type { TransfersService } from '../services/transfers/service';

type TransferChannel = Extract<InvokeChannel, `transfers:${string}`>;

/** The transfer handlers, keyed by channel. */
export type TransferHandlers = {
  [C in TransferChannel]: (...args: InvokeArgs<C>) => Promise<InvokeValue<C>> | InvokeValue<C>;
};

/** Builds the transfer handlers over the service. */
export function createTransferHandlers(transfers: TransfersService): TransferHandlers {
  return {
    'transfers:get-state': () => transfers.snapshot(),
    'transfers:page': (request) => transfers.page(request),
    'transfers:list-remote': (request) => transfers.listRemote(request.path),
    'transfers:create-folder': (request) => transfers.createFolder(request.parent, request.name),
    'transfers:rename': (request) => transfers.rename(request.path, request.newName),
    'transfers:delete': (request) => transfers.delete(request.path, request.kind),
    'transfers:upload-paths': (request) => transfers.uploadPaths(request),
    'transfers:upload-begin': (request) => transfers.uploadBegin(request),
    'transfers:upload-chunk': (request) => transfers.uploadChunk(request),
    'transfers:upload-end': (request) => transfers.uploadEnd(request.uploadId),
    'transfers:upload-abort': (request) => transfers.uploadAbort(request.uploadId),
    'transfers:download': (request) => transfers.download(request),
    'transfers:download-to': (request) => transfers.download(request),
    'transfers:read-download': (request) => transfers.readDownload(request),
    'transfers:download-tree': (request) => transfers.downloadTree(request.batchId),
    'transfers:drag-out-prepare': (request) => transfers.dragOutPrepare(request.path),
    'transfers:drag-out-read': (request) => transfers.dragOutRead(request),
    'transfers:pick-files': () => transfers.pickFiles(),
    'transfers:pick-folder': () => transfers.pickFolder(),
    'transfers:pause': (request) => transfers.pause(request.ids),
    'transfers:resume': (request) => transfers.resume(request.ids),
    'transfers:cancel': (request) => transfers.cancel(request.ids),
    'transfers:pause-all': () => transfers.pause(),
    'transfers:resume-all': () => transfers.resume(),
    'transfers:cancel-all': () => transfers.cancel(),
    'transfers:move': (request) => transfers.move(request.id, request.toIndex),
    'transfers:retry-failed': () => transfers.retryFailed(),
    'transfers:resolve-conflict': (request) => transfers.resolveConflict(request.id, request.choice, request.applyToBatch),
    'transfers:clear-finished': () => transfers.clearFinished(),
  };
}
