// Layers point down. Server: shared ← core ← store ← ledger/auth/presence/reports/uplink ← http/realtime/observability ← app.
// Client: lib/socket/i18n ← stores/composables ← components ← pages, in every feature folder
// (board/, operator/, admin/, live/) as at the top level. Each entry: the files, and what they may not import.
const up = (...names) => `^(\\.\\./)+(${names.join('|')})(/|\\.js$)`;
const SERVER_ABOVE_LEDGER = ['http', 'realtime', 'observability', 'app', 'main', 'seed', 'tools'];
const SERVER_DOMAIN = ['ledger', 'auth', 'presence', 'reports', 'programmes', 'uplink'];

const rules = [
  { files: ['shared/src/**'], regex: '(^|/)(server|client|tests|bench)/', message: 'shared/ is the contract: it imports nothing of the packages above it.' },
  { files: ['server/src/core/**'], regex: up('store', ...SERVER_DOMAIN, ...SERVER_ABOVE_LEDGER), message: 'core/ is below every other server folder.' },
  { files: ['server/src/store/**'], regex: up(...SERVER_DOMAIN, ...SERVER_ABOVE_LEDGER), message: 'store/ is below the ledger and the adapters.' },
  ...SERVER_DOMAIN.map((d) => ({ files: [`server/src/${d}/**`], regex: up(...SERVER_ABOVE_LEDGER), message: `${d}/ is below http/, realtime/ and the app.` })),
  { files: ['server/src/http/**'], regex: up('realtime', 'app', 'main'), message: 'http/ and realtime/ are peers: what both need lives below them.' },
  { files: ['server/src/realtime/**'], regex: up('http', 'app', 'main'), message: 'http/ and realtime/ are peers: what both need lives below them.' },
  { files: ['server/src/observability/**'], regex: up('http', 'realtime', 'app', 'main'), message: 'observability/ reads the ledger; the app hands it the rest.' },
  {
    files: ['client/src/lib/**', 'client/src/socket/**', 'client/src/i18n/**', 'client/src/*/lib/**', 'client/src/admin/i18n/**'],
    regex: '(^|/)(stores|composables|components|pages)/|\\.vue$',
    message: 'lib/, socket/ and i18n/ are plain TypeScript below stores and components.',
  },
  { files: ['client/src/**/stores/**', 'client/src/**/composables/**'], regex: '(^|/)(components|pages)/|\\.vue$', message: 'Stores and composables are below components.' },
  {
    files: ['client/src/**/components/**'],
    patterns: [
      { regex: '(^|/)pages/', message: 'Components are below pages.' },
      { regex: '(^|/)socket/', message: 'Components reach the server through a store, never a socket.', allowTypeImports: true },
    ],
  },
  { files: ['client/src/pages/**', 'client/src/live/**'], regex: '(^|/)socket/', message: 'Pages reach the server through a store, never a socket.', allowTypeImports: true },
];

// One entry per file (the globs do not overlap): a later entry for the same rule would replace, not add to, an earlier one.
export const layerRules = rules.map(({ files, regex, message, allowTypeImports = false, patterns }) => ({
  files: files.map((f) => (f.endsWith('**') ? `${f}/*.{ts,vue}` : f)),
  ignores: ['**/*.test.ts'],
  rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: patterns ?? [{ regex, message, allowTypeImports }] }] },
}));
