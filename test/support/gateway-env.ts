/** The least environment the reference gateway's config reads without an error: what its unit tests start from. */
export const gatewayBaseEnv = {
  GATEWAY_PORT: '7000',
  EXCHANGE_URL: 'http://127.0.0.1:7001',
  RISK_URL: 'http://127.0.0.1:7004',
  PGHOST: '127.0.0.1',
  PGPORT: '5432',
  PGUSER: 'ats',
  PGDATABASE: 'ats',
  REDIS_HOST: '127.0.0.1',
  REDIS_PORT: '6379',
};
