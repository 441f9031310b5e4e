// electron-builder configuration for 文枢 (npm run dist). Offline by design: no publish target,
// no update provider, and the Electron fuses flipped so the packaged binary cannot be turned into
// a Node runtime or debugged through environment variables or command-line flags.

/** @type {import('app-builder-lib').Configuration} */
const config = {
  appId: 'cn.gov.wenshu',
  productName: '文枢',
  executableName: 'wenshu', // ASCII: Linux paths and desktop entries
  copyright: '文枢 Wenshu',
  directories: { output: 'release', buildResources: 'build' },
  files: ['dist/**/*', 'package.json'],
  asar: true,
  // Nothing is ever published or fetched: no update server, no generated app-update.yml.
  publish: null,
  electronFuses: {
    runAsNode: false, // ELECTRON_RUN_AS_NODE ignored
    enableNodeOptionsEnvironmentVariable: false, // NODE_OPTIONS / NODE_EXTRA_CA_CERTS ignored
    enableNodeCliInspectArguments: false, // --inspect, --inspect-brk, SIGUSR1 ignored
    enableCookieEncryption: true,
    onlyLoadAppFromAsar: true,
    // Enforced on Windows (Electron ≥ 30) and macOS; Linux ignores it.
    enableEmbeddedAsarIntegrityValidation: true,
    // The app is served from app://, never file://.
    grantFileProtocolExtraPrivileges: false,
  },
  win: {
    target: [
      { target: 'nsis', arch: ['x64'] },
      { target: 'portable', arch: ['x64'] },
    ],
    publish: null,
  },
  // ASCII artifact names survive any USB stick, zip tool and code page.
  nsis: {
    oneClick: false,
    perMachine: false,
    allowToChangeInstallationDirectory: true,
    artifactName: 'Wenshu-${version}-setup.${ext}',
  },
  portable: {
    artifactName: 'Wenshu-${version}-portable.${ext}',
  },
  linux: {
    target: ['AppImage', 'deb'],
    category: 'Office',
    artifactName: 'Wenshu-${version}-${arch}.${ext}',
    maintainer: '文枢 Wenshu',
    publish: null,
  },
};

module.exports = config;
