// electron-builder afterPack hook: flip Electron's fuses in the packaged binary.
const path = require('node:path');
const { flipFuses } = require('@electron/fuses');
const { porticoFuses } = require('./fuses.cjs');

/** Path of the packaged Electron executable for each platform. */
function executablePath(context) {
  const name = context.packager.appInfo.productFilename;
  switch (context.electronPlatformName) {
    case 'darwin':
    case 'mas':
      return path.join(context.appOutDir, `${name}.app`, 'Contents', 'MacOS', name);
    case 'win32':
      return path.join(context.appOutDir, `${name}.exe`);
    default:
      return path.join(context.appOutDir, context.packager.executableName);
  }
}

exports.default = async function afterPack(context) {
  await flipFuses(executablePath(context), {
    ...porticoFuses,
    resetAdHocDarwinSignature: context.electronPlatformName === 'darwin' && context.arch === 3 /* arm64 */,
  });
};
