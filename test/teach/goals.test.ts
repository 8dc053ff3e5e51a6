import { describe, expect, it } from 'vitest';
import { checkGoal, type Goal } from '../../src/engine/teach/index.ts';
import { analyzeYaml, deployment, policy } from '../helpers.ts';

// web -> api: TCP 8080 only (api isolated); api -> db: everything (nothing isolates db);
// web egress to the internet: TCP 443 only.
const cluster = analyzeYaml(
  [
    deployment('shop', 'web', { app: 'web' }),
    deployment('shop', 'api', { app: 'api' }, ['http:8080']),
    deployment('shop', 'db', { app: 'db' }, ['5432']),
    policy(
      'shop',
      'api-in',
      'podSelector: {matchLabels: {app: api}}\ningress:\n  - from: [{podSelector: {matchLabels: {app: web}}}]\n    ports: [{port: http}]',
    ),
    policy(
      'shop',
      'web-out',
      'podSelector: {matchLabels: {app: web}}\npolicyTypes: [Egress]\negress:\n  - to: [{podSelector: {}}]\n  - to: [{ipBlock: {cidr: 0.0.0.0/0}}]\n    ports: [{port: 443}]',
    ),
  ].join(''),
);

const table: [string, Goal, boolean][] = [
  [
    'web -> api on TCP 8080 allowed: the named port http resolves to 8080',
    { from: 'shop/web', to: 'shop/api', port: 8080, protocol: 'TCP', expect: 'allowed' },
    true,
  ],
  [
    'web -> api on TCP 9090 denied: the rule lists only http',
    { from: 'shop/web', to: 'shop/api', port: 9090, protocol: 'TCP', expect: 'denied' },
    true,
  ],
  [
    'web -> api on UDP 8080 allowed fails: the named port is TCP',
    { from: 'shop/web', to: 'shop/api', port: 8080, protocol: 'UDP', expect: 'allowed' },
    false,
  ],
  [
    'web -> api every port denied fails: 8080 is open',
    { from: 'shop/web', to: 'shop/api', expect: 'denied' },
    false,
  ],
  [
    'web -> api every port allowed fails: only 8080',
    { from: 'shop/web', to: 'shop/api', expect: 'allowed' },
    false,
  ],
  [
    'api -> db every port allowed: nothing isolates either side',
    { from: 'shop/api', to: 'shop/db', expect: 'allowed' },
    true,
  ],
  [
    'db -> api every port denied: api admits only web',
    { from: 'shop/db', to: 'shop/api', expect: 'denied' },
    true,
  ],
  [
    'web -> 8.8.8.8 on 443 allowed: ipBlock 0.0.0.0/0 port 443',
    { from: 'shop/web', to: '8.8.8.8', port: 443, protocol: 'TCP', expect: 'allowed' },
    true,
  ],
  [
    'web -> 8.8.8.0/24 on 80 denied: the ipBlock rule lists only 443',
    { from: 'shop/web', to: '8.8.8.0/24', port: 80, protocol: 'TCP', expect: 'denied' },
    true,
  ],
  [
    '0.0.0.0-255.255.255.255 -> db allowed: db is not isolated',
    { from: '0.0.0.0-255.255.255.255', to: 'shop/db', expect: 'allowed' },
    true,
  ],
  [
    'every UDP port web -> db allowed: egress to all pods',
    { from: 'shop/web', to: 'shop/db', protocol: 'UDP', expect: 'allowed' },
    true,
  ],
];

describe('goals', () => {
  for (const [name, goal, holds] of table) {
    it(name, () => {
      expect(checkGoal(cluster, goal).holds).toBe(holds);
    });
  }

  it('a name that matches nothing fails the goal and suggests the right one', () => {
    const result = checkGoal(cluster, { from: 'web', to: 'shop/api', expect: 'denied' });
    expect(result.holds).toBe(false);
    expect(result.why.join(' ')).toContain('did you mean shop/web?');
  });

  it('says why, with the rule that allows', () => {
    const result = checkGoal(cluster, { from: 'shop/web', to: 'shop/api', expect: 'denied' });
    expect(result.actual).toBe('TCP 8080');
    expect(result.why.join('\n')).toMatch(/api-in/);
  });
});
