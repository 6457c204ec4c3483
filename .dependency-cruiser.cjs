/** Layer rules: surfaces -> server -> core; the core is pure. No allow-list. */
module.exports = {
  forbidden: [
    {
      name: 'core-is-pure',
      comment: 'src/ (the domain core) imports only src/ and pure libraries: no server, no surfaces, no I/O.',
      severity: 'error',
      from: { path: '^src/' },
      to: {
        pathNot: [
          '^src/',
          '^node_modules/(zod|csv-parse|temporal-polyfill|windows-iana)/',
        ],
      },
    },
    {
      name: 'server-does-not-import-surfaces',
      severity: 'error',
      from: { path: '^server/' },
      to: { path: '^addins/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'], extensions: ['.ts', '.js', '.json'] },
  },
};
