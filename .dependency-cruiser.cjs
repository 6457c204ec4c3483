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
          '^node_modules/(zod|csv-parse|temporal-polyfill)/',
        ],
      },
    },
    {
      name: 'contract-is-pure',
      comment: 'contract/ (the HTTP contract and the words of the codes) is zod and i18next over the core model and the training schema: the service and the surfaces both import it, so it imports neither.',
      severity: 'error',
      from: { path: '^contract/' },
      to: { pathNot: ['^contract/', '^src/model/', '^src/training/schema\\.ts$', '^node_modules/(zod|i18next)/'] },
    },
    {
      name: 'surfaces-do-not-import-the-server',
      comment: 'The surfaces talk to the service over HTTP only, through the contract.',
      severity: 'error',
      from: { path: '^addins/' },
      to: { path: '^server/' },
    },
    {
      name: 'pane-features-do-not-import-each-other',
      comment: 'Each screen of the HR pane stands alone on the shared parts; addins/admin/app/ composes them.',
      severity: 'error',
      from: { path: '^addins/admin/([^/]+)/', pathNot: '^addins/admin/app/' },
      to: { path: '^addins/admin/([^/]+)/', pathNot: ['^addins/admin/$1/'] },
    },
    {
      name: 'shared-surface-parts-do-not-import-apps',
      comment: 'Shared code flows one way: shared parts -> features -> app.',
      severity: 'error',
      from: { path: '^addins/shared/' },
      to: { path: '^addins/(admin|outlook|gcal)/' },
    },
    {
      name: 'server-does-not-import-surfaces',
      comment:
        'Except the Google add-on routes: over Google\'s HTTP runtime the service itself answers card JSON, drawn by the pure builders of addins/gcal/.',
      severity: 'error',
      from: { path: '^server/', pathNot: '^server/http/gcal/' },
      to: { path: '^addins/' },
    },
    {
      name: 'add-on-routes-import-only-the-add-on',
      severity: 'error',
      from: { path: '^server/http/gcal/' },
      to: { path: '^addins/', pathNot: '^addins/(gcal|shared/i18n\\.ts$)' },
    },
    {
      name: 'connectors-do-not-import-the-runtime',
      comment: 'A connector is handed its configuration; it never reaches for the runtime, the HTTP layer or the store.',
      severity: 'error',
      from: { path: '^server/connectors/' },
      to: { path: '^server/(runtime|http|store|programme|rollout|cli)/' },
    },
    {
      name: 'connectors-do-not-import-each-other',
      comment: 'Each provider connector stands alone on the shared machinery.',
      severity: 'error',
      from: { path: '^server/connectors/([^/]+)/' },
      to: { path: '^server/connectors/([^/]+)/', pathNot: ['^server/connectors/$1/', '^server/connectors/shared/'] },
    },
    {
      name: 'facades-do-not-import-each-other',
      comment: 'One sandbox facade per provider, each on the neutral host only.',
      severity: 'error',
      from: { path: '^server/sandbox/(microsoft|google)/' },
      to: { path: '^server/sandbox/(microsoft|google)/', pathNot: ['^server/sandbox/$1/'] },
    },
    {
      name: 'sandbox-is-not-the-product',
      comment: 'The sandbox emulates the providers; it shares no code with the service that talks to them.',
      severity: 'error',
      from: { path: '^server/sandbox/' },
      to: { path: '^server/(connectors|runtime|http|store|programme|rollout|providers)/' },
    },
    {
      name: 'programme-does-not-import-rollout',
      comment: 'The rollout builds on the programme, never the other way round (no cycle between them).',
      severity: 'error',
      from: { path: '^server/programme/' },
      to: { path: '^server/rollout/' },
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
