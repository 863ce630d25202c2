// A real OAuth 2.0 / OpenID Connect authorization server for the end-to-end OAuth tier:
// oidc-provider (OpenID Certified, version pinned in package.json), configured here with the
// two clients the generated connectors use, plus one small protected API route.
//
// Usage: node server.mjs
// Listens on 127.0.0.1 on a free port and prints the line `issuer: http://127.0.0.1:<port>` once
// it accepts connections (oidc-provider prints notices on stdout too). Exits when its standard input closes, so it never outlives the
// test that started it.
//
// Routes besides oidc-provider's own (/auth, /token, /me = userinfo, /interaction/..., discovery):
//   GET /api/me   Bearer <access token>  ->  200 {"tenant_id", "sub", "client_id", "scope"}
//                                            401 {"error": "invalid_token"} otherwise
// It stands for the SaaS API a connector calls with the token (the generated connector's
// `validate_credentials` calls `<base_url>/me` and reads `tenant_id`).

import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';

import Provider from 'oidc-provider';

// The clients are fixed test fixtures, also written in tests/tests/oauth_real_server.rs.
// The redirect URI is never fetched: the test reads the code from the redirect's Location.
const REDIRECT_URI = 'https://connector.example.test/oauth/callback';

const clients = [
  {
    // Authorization-code flow with PKCE and refresh tokens, as `--auth oauth` connectors use it.
    client_id: 'code-flow-client',
    client_secret: 'code-flow-client-secret-0123456789',
    redirect_uris: [REDIRECT_URI],
    response_types: ['code'],
    grant_types: ['authorization_code', 'refresh_token'],
    // Generated connectors send client_id and client_secret in the form body by default.
    token_endpoint_auth_method: 'client_secret_post',
  },
  {
    // Client-credentials flow, as `--auth oauth-client-credentials` connectors use it.
    client_id: 'client-credentials-client',
    client_secret: 'client-credentials-client-secret-0123456789',
    redirect_uris: [],
    response_types: [],
    grant_types: ['client_credentials'],
    token_endpoint_auth_method: 'client_secret_post',
  },
];

const server = createServer();
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address();
  const issuer = `http://127.0.0.1:${port}`;

  const provider = new Provider(issuer, {
    clients,
    // Any login is accepted by the dev interactions; every account has the same claims.
    async findAccount(_ctx, accountId) {
      return {
        accountId,
        async claims() {
          return { sub: accountId, name: `Test user ${accountId}` };
        },
      };
    },
    claims: { openid: ['sub'], profile: ['name'] },
    scopes: ['openid', 'offline_access', 'profile', 'users:read'],
    features: {
      devInteractions: { enabled: true },
      clientCredentials: { enabled: true },
    },
    // PKCE on every authorization-code request, so the test proves the connector's
    // code_challenge and code_verifier (oidc-provider only demands it of public clients).
    pkce: { required: () => true },
    // Refresh tokens for every client allowed the grant: without this oidc-provider issues one
    // only for `offline_access`, which it drops unless the request also says prompt=consent.
    issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    // Every refresh returns a new refresh token and consumes the old one.
    rotateRefreshToken: true,
    cookies: { keys: [randomBytes(32).toString('hex')] },
    // Explicit lifetimes (oidc-provider warns about its defaults); a test run lasts minutes.
    ttl: {
      AccessToken: 600,
      AuthorizationCode: 120,
      ClientCredentials: 600,
      Grant: 3600,
      IdToken: 600,
      Interaction: 600,
      RefreshToken: 3600,
      Session: 3600,
    },
  });

  const oidc = provider.callback();

  async function protectedApi(req, res) {
    const header = req.headers.authorization ?? '';
    const match = /^Bearer (.+)$/i.exec(header);
    let token;
    if (match) {
      token = (await provider.AccessToken.find(match[1]))
        ?? (await provider.ClientCredentials.find(match[1]));
    }
    res.setHeader('content-type', 'application/json');
    if (!token || token.isExpired) {
      res.statusCode = 401;
      res.setHeader('www-authenticate', 'Bearer error="invalid_token"');
      res.end(JSON.stringify({ error: 'invalid_token' }));
      return;
    }
    res.end(JSON.stringify({
      tenant_id: issuer,
      sub: token.accountId ?? null,
      client_id: token.clientId,
      scope: token.scope ?? null,
    }));
  }

  server.on('request', (req, res) => {
    const path = new URL(req.url, issuer).pathname;
    if (req.method === 'GET' && path === '/api/me') {
      protectedApi(req, res).catch((error) => {
        res.statusCode = 500;
        res.end(String(error));
      });
    } else {
      oidc(req, res);
    }
  });

  process.stdout.write(`issuer: ${issuer}\n`);
});

process.stdin.on('end', () => process.exit(0));
process.stdin.on('close', () => process.exit(0));
process.stdin.resume();
