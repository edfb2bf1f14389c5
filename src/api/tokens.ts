/**
 * Signed JWTs as API credentials (jose), beside API keys: for an organisation whose own identity
 * service issues short-lived tokens, so that peerwatch stores no secret per person. A token must be
 * signed with the configured key (HS256 with a shared secret, or RS256/ES256/EdDSA against a public
 * key), carry the configured issuer and audience, an expiry, a subject (who, for the audit log) and
 * a `role` claim of analyst or committee. A token cannot be revoked before it expires: keep them short.
 */
import { createPublicKey, type KeyObject } from 'node:crypto'
import { errors, jwtVerify, SignJWT } from 'jose'
import type { JwtConfig } from '../config'
import type { KeyRole } from './keys'

export interface JwtCaller {
  role: KeyRole
  /** "<subject> (jwt <issuer>)", for the audit log. */
  actor: string
}

/** A token refused, with the reason the client is told (never the token). */
export class JwtRefused extends Error {}

const ASYMMETRIC = ['RS256', 'ES256', 'EdDSA']

/** Checks a token against the configuration; throws JwtRefused with the reason. */
export function createJwtVerifier(config: JwtConfig): (token: string) => Promise<JwtCaller> {
  const key: Uint8Array | KeyObject = config.publicKey ? createPublicKey(config.publicKey) : new TextEncoder().encode(config.secret!)
  const algorithms = config.publicKey ? ASYMMETRIC : ['HS256']
  return async (token) => {
    let payload
    try {
      ;({ payload } = await jwtVerify(token, key, { algorithms, issuer: config.issuer, audience: config.audience, requiredClaims: ['exp', 'sub'] }))
    } catch (err) {
      if (err instanceof errors.JWTExpired) throw new JwtRefused('token expired')
      if (err instanceof errors.JWTClaimValidationFailed) throw new JwtRefused(`token claim ${err.claim}: ${err.reason}`)
      throw new JwtRefused('token not signed by a key this API trusts, or malformed')
    }
    const role = payload.role
    if (role !== 'analyst' && role !== 'committee') throw new JwtRefused('token claim role: analyst or committee expected')
    return { role, actor: `${payload.sub} (jwt ${config.issuer})` }
  }
}

/** Signs a token with the shared secret (`peerwatch api-jwt`): for tests and for issuing tokens by hand. */
export async function signApiJwt(config: JwtConfig, claims: { role: KeyRole; subject: string; ttlSeconds: number }): Promise<string> {
  if (!config.secret) throw new Error('signing needs PEERWATCH_API_JWT_SECRET (with a public key, the identity service signs)')
  if (!claims.subject.trim()) throw new Error('a token needs a subject (who holds it)')
  return new SignJWT({ role: claims.role })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(claims.subject.trim())
    .setIssuer(config.issuer)
    .setAudience(config.audience)
    .setIssuedAt()
    .setExpirationTime(`${claims.ttlSeconds}s`)
    .sign(new TextEncoder().encode(config.secret))
}
