import { generateKeyPairSync } from 'node:crypto'
import { SignJWT, type JWTPayload } from 'jose'
import { describe, expect, it } from 'vitest'
import { createJwtVerifier, signApiJwt } from './tokens'

const hs = { secret: 'x'.repeat(32), issuer: 'peerwatch', audience: 'peerwatch-api' }

describe('API JWTs', () => {
  it('accept a token signed with the shared secret, naming its subject for the audit log', async () => {
    const token = await signApiJwt(hs, { role: 'committee', subject: 'alice', ttlSeconds: 60 })
    expect(await createJwtVerifier(hs)(token)).toEqual({ role: 'committee', actor: 'alice (jwt peerwatch)' })
  })

  it('refuse a token that is expired, for another audience or issuer, signed with another secret, or without a role', async () => {
    const verify = createJwtVerifier(hs)
    const sign = (claims: JWTPayload, opts: { secret?: string; exp?: number | string } = {}) => {
      const jwt = new SignJWT({ sub: 'mallory', iss: hs.issuer, aud: hs.audience, ...claims }).setProtectedHeader({ alg: 'HS256' })
      return jwt.setExpirationTime(opts.exp ?? '1m').sign(new TextEncoder().encode(opts.secret ?? hs.secret))
    }
    await expect(verify(await sign({ role: 'analyst' }, { exp: Math.floor(Date.now() / 1000) - 10 }))).rejects.toThrow('token expired')
    await expect(verify(await sign({ role: 'analyst', aud: 'elsewhere' }))).rejects.toThrow(/claim aud/)
    await expect(verify(await sign({ role: 'analyst', iss: 'someone' }))).rejects.toThrow(/claim iss/)
    await expect(verify(await sign({ role: 'analyst' }, { secret: 'y'.repeat(32) }))).rejects.toThrow(/not signed by a key this API trusts/)
    await expect(verify(await sign({ role: 'public' }))).rejects.toThrow(/claim role/)
    await expect(verify(await sign({}))).rejects.toThrow(/claim role/)
    // alg "none": an unsigned token with a valid-looking body.
    const unsigned = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify({ role: 'committee', sub: 'm', iss: hs.issuer, aud: hs.audience, exp: 2e9 })).toString('base64url')}.`
    await expect(verify(unsigned)).rejects.toThrow(/not signed/)
  })

  it('verify asymmetric tokens (EdDSA) against a public key, and then refuse the shared-secret kind', async () => {
    const { publicKey, privateKey } = generateKeyPairSync('ed25519')
    const config = { publicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString(), issuer: 'idp', audience: 'peerwatch-api' }
    const token = await new SignJWT({ role: 'analyst' }).setProtectedHeader({ alg: 'EdDSA' }).setSubject('bob').setIssuer('idp').setAudience('peerwatch-api').setExpirationTime('5m').sign(privateKey)
    expect(await createJwtVerifier(config)(token)).toEqual({ role: 'analyst', actor: 'bob (jwt idp)' })
    // An HS256 token "signed" with the public key's text must not pass (the classic algorithm confusion).
    const confused = await new SignJWT({ role: 'committee' }).setProtectedHeader({ alg: 'HS256' }).setSubject('m').setIssuer('idp').setAudience('peerwatch-api').setExpirationTime('5m').sign(new TextEncoder().encode(config.publicKey))
    await expect(createJwtVerifier(config)(confused)).rejects.toThrow(/not signed/)
  })
})
